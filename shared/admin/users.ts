/**
 * What the administrator's endpoints share: reading a user as the admin sees them, and withdrawing a doctor
 * (blacklisting or removal): their future booked appointments are cancelled in the caller's transaction,
 * one outbox row each so every patient is emailed (API.md "Admin", "Booking rules").
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role, UserStatus } from '../db/schema';
import { writeAudit } from '../db/audit';
import { cancelBooked } from '../booking/cancellation';
import type { AdminUserDto } from '../schemas/admin';

type Db = Kysely<Database> | Transaction<Database>;

export const DOCTOR_WITHDRAWN_REASON = 'The doctor is no longer available';

export interface AdminTargetUser {
  id: string;
  role: Role;
  name: string;
  email: string;
  status: UserStatus;
  /** A removed doctor (soft delete): the account stays `active` but can no longer sign in. */
  removed: boolean;
}

export async function loadUser(db: Db, id: string): Promise<AdminTargetUser | undefined> {
  const row = await db
    .selectFrom('users')
    .leftJoin('doctors', 'doctors.user_id', 'users.id')
    .select(['users.id', 'users.role', 'users.name', 'users.email', 'users.status', 'doctors.deleted_at'])
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { deleted_at, ...user } = row;
  return { ...user, removed: deleted_at != null };
}

export function toAdminUserDto(user: { id: string; role: Role; name: string; email: string; status: UserStatus }): AdminUserDto {
  return { id: user.id, role: user.role, name: user.name, email: user.email, status: user.status };
}

/** The doctor's booked appointments that start after `at`: read them BEFORE the transaction's first write (D1). */
export async function futureBookedAppointments(db: Db, doctorId: string, at: string): Promise<{ id: string; patient_id: string }[]> {
  return db
    .selectFrom('appointments')
    .select(['id', 'patient_id'])
    .where('doctor_id', '=', doctorId)
    .where('status', '=', 'booked')
    .where('start_at', '>', at)
    .orderBy('start_at')
    .execute();
}

/**
 * Cancels the given appointments (read by futureBookedAppointments in the same transaction) for the admin:
 * `cancelled_by` the admin, the fixed reason, an outbox row and an audit row (with the patient) each.
 * Writes only: call it after every read of the transaction.
 */
export async function cancelForWithdrawnDoctor(
  trx: Transaction<Database>,
  appointments: { id: string; patient_id: string }[],
  by: { adminId: string; now: Date; ip: string | null; userAgent: string | null; cause: string },
): Promise<void> {
  await cancelBooked(trx, appointments.map((a) => a.id), { reason: DOCTOR_WITHDRAWN_REASON, by: by.adminId, now: by.now });
  for (const appointment of appointments) {
    await writeAudit(trx, {
      at: by.now,
      actorId: by.adminId,
      actorRole: 'admin',
      patientId: appointment.patient_id,
      action: 'appointment_cancel',
      entity: 'appointment',
      entityId: appointment.id,
      detail: { cause: by.cause },
      ip: by.ip,
      userAgent: by.userAgent,
    });
  }
}
