/**
 * The one Kysely `Database` interface for the whole system. Columns are portable across SQLite,
 * PostgreSQL and D1: ids are application-made text, instants are ISO-8601 UTC text
 * (`2026-12-01T09:30:00.000Z`, which sorts correctly as text), calendar dates are `YYYY-MM-DD`
 * text in the hospital's zone and clock times `HH:MM`. Booleans are avoided (SQLite has none).
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'admin' | 'doctor' | 'patient';
export type UserStatus = 'active' | 'blacklisted';
export type AppointmentStatus = 'booked' | 'completed' | 'cancelled';
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface UserTable {
  id: string;
  role: Role;
  /** Always stored lower-cased and trimmed; unique. */
  email: string;
  name: string;
  password_hash: string;
  status: UserStatus;
  created_at: string;
  updated_at: string;
}

export interface DepartmentTable {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface DoctorTable {
  /** The doctor's user id. */
  user_id: string;
  department_id: string;
  specialization: string;
  experience_years: number | null;
  bio: string | null;
  slot_minutes: number;
  /** Soft delete: the doctor leaves the catalogue, their history stays. */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PatientTable {
  /** The patient's user id. */
  user_id: string;
  phone: string | null;
  date_of_birth: string | null;
  gender: string | null;
  address: string | null;
  blood_group: string | null;
  created_at: string;
  updated_at: string;
}

export interface DoctorAvailabilityTable {
  id: string;
  doctor_id: string;
  /** Calendar date in the hospital's zone. */
  date: string;
  /** `HH:MM` in the hospital's zone. */
  start_time: string;
  end_time: string;
  created_at: string;
}

export interface AppointmentTable {
  id: string;
  doctor_id: string;
  patient_id: string;
  start_at: string;
  end_at: string;
  status: AppointmentStatus;
  reason: string | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TreatmentTable {
  id: string;
  appointment_id: string;
  doctor_id: string;
  patient_id: string;
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  next_visit: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExportTable {
  id: string;
  patient_id: string;
  status: ExportStatus;
  /** Where the finished CSV lives (a path or an object key); null until done. */
  location: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  /** When the files stop being downloadable (410 after); set when the export is done. */
  expires_at: string | null;
  /** Visits written so far, of `total` (null until counted): the status shows it. */
  progress: number;
  total: number | null;
}

/** A finished export's file, kept in the database so any API process can serve what any worker wrote. */
export interface ExportFileTable {
  export_id: string;
  format: 'csv' | 'fhir';
  content: string;
  bytes: number;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** A valid IP address (shared/net/trust-proxy.ts), or null when none was known. */
  ip: string | null;
  /** The caller's User-Agent, cut to 256 characters; null for the system itself. */
  user_agent: string | null;
  /** A short JSON object with ids or field names only, never clinical values. */
  detail: string | null;
  /** The actor's role when someone was signed in. */
  actor_role: Role | null;
  /** Whose record this touched (for the patient's access log), when it touched one. */
  patient_id: string | null;
  /** `ok`, or what refused it (`not_found`, `forbidden`, `slot_taken` …). */
  outcome: string | null;
  /** The row's place in the chain, 1, 2, 3 … without gaps; null until sealed (shared/db/audit-chain.ts, ADR 023). */
  seq: number | string | null;
  /** The hash of the row before (seq - 1), or 64 zeros for the first; null until sealed. */
  prev_hash: string | null;
  /** sha256 of prev_hash and this row's canonical content with its seq; null until sealed. */
  hash: string | null;
}

/** One row (id 1): the last sealed seq and its hash, so a chain cut short shows too. */
export interface AuditChainHeadTable {
  id: number;
  seq: number | string;
  hash: string;
}

/** The weekly template: one row per window of a weekday (Monday 1). */
export interface DoctorWeeklyHoursTable {
  doctor_id: string;
  weekday: number;
  /** `HH:MM` in the hospital's zone; `end_time` may be `24:00`. */
  start_time: string;
  end_time: string;
}

/** A date the doctor set explicitly; its windows are its `doctor_availability` rows (none: a day off). */
export interface DoctorAvailabilityDateTable {
  doctor_id: string;
  date: string;
  created_at: string;
}

/** The first answer to a create sent with an `Idempotency-Key` (ADR 018). */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  /** SHA-256 of the method, path and body: the same key with another request is refused. */
  request_hash: string;
  status: number;
  /** The JSON answer as sent. */
  body: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  /** The job name (`shared/jobs`). */
  job: string;
  /** JSON of ids only. */
  payload: string;
  created_at: string;
  relayed_at: string | null;
  attempts: number;
  last_error: string | null;
}

export interface EmailDeliveryTable {
  id: string;
  kind: string;
  subject_id: string;
  recipient: string;
  /** When it was claimed, then when the server accepted it. */
  sent_at: string;
  /** `sending` from the claim until the server accepted it, then `sent`. */
  status: 'sending' | 'sent';
  /** When the current claim was taken: a `sending` row older than a minute belongs to a crashed attempt. */
  claimed_at: string | null;
}

/** A password reset link (issue 11): only its token's SHA-256 is kept; used once, within 30 minutes. */
export interface PasswordResetTable {
  id: string;
  user_id: string;
  /** Hex SHA-256 of the token in the link. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A user's TOTP second factor (RFC 6238). Secrets are AES-GCM ciphertext (shared/auth/secret-box.ts). */
export interface MfaFactorTable {
  user_id: string;
  /** The enabled factor's secret, encrypted; null while only a setup is pending. */
  secret: string | null;
  /** A secret shown by setup and not yet confirmed with a code, encrypted. */
  pending_secret: string | null;
  /** When the factor was enabled; null while it is not. */
  enabled_at: string | null;
  /** The TOTP time step of the last code accepted: a code of that step or an earlier one is refused. */
  last_used_step: number | null;
  created_at: string;
  updated_at: string;
}

/** One of the ten single-use recovery codes of a user's factor: an argon2id hash. */
export interface MfaRecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/**
 * How many appointments a doctor has in a status, kept by triggers on appointments (migration
 * 2026-12-04-001): the dashboard's all-time counts without a scan. Never written by the application.
 */
export interface AppointmentCountTable {
  doctor_id: string;
  status: AppointmentStatus;
  n: number | string | bigint;
}

export interface Database {
  users: UserTable;
  departments: DepartmentTable;
  doctors: DoctorTable;
  patients: PatientTable;
  doctor_availability: DoctorAvailabilityTable;
  doctor_availability_dates: DoctorAvailabilityDateTable;
  doctor_weekly_hours: DoctorWeeklyHoursTable;
  idempotency_keys: IdempotencyKeyTable;
  appointments: AppointmentTable;
  treatments: TreatmentTable;
  exports: ExportTable;
  export_files: ExportFileTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  outbox: OutboxTable;
  email_deliveries: EmailDeliveryTable;
  password_resets: PasswordResetTable;
  mfa_factors: MfaFactorTable;
  mfa_recovery_codes: MfaRecoveryCodeTable;
  appointment_counts: AppointmentCountTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Department = Selectable<DepartmentTable>;
export type Doctor = Selectable<DoctorTable>;
export type Patient = Selectable<PatientTable>;
export type DoctorAvailability = Selectable<DoctorAvailabilityTable>;
export type Appointment = Selectable<AppointmentTable>;
export type Treatment = Selectable<TreatmentTable>;
export type Export = Selectable<ExportTable>;
export type ExportFile = Selectable<ExportFileTable>;
export type AuditLog = Selectable<AuditLogTable>;
export type Outbox = Selectable<OutboxTable>;
export type EmailDelivery = Selectable<EmailDeliveryTable>;
