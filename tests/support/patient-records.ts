/**
 * A patient's record straight in the database for tests of the patient's endpoints: appointments in any
 * state and time (the booking endpoints keep to the booking window; these do not), treatments, and a
 * signed-in client for a user of any role.
 */
import type { AppointmentStatus, Role } from '../../shared/db/schema';
import type { FunctionApp } from '../../shared/http/define-function';
import { newId } from '../../shared/ids';
import type { Deps } from '../../shared/runtime/deps';
import login from '../../functions/auth/login';
import { testClient } from './http';
import { createUser } from './users';

let addresses = 0;

/** A user of `role` signed in through the real login, with a client of its own address. */
export async function signedIn(deps: Deps, functions: FunctionApp[], role: Role = 'patient', fields: { name?: string } = {}) {
  const user = await createUser(deps, { role, ...fields });
  addresses += 1;
  const c = testClient(deps, [login, ...functions], { clientAddress: `203.0.113.${(addresses % 250) + 1}` });
  const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
  if (res.status !== 200) throw new Error(`sign-in of a test ${role} answered ${res.status}`);
  return { c, user };
}

export async function createAppointment(
  deps: Deps,
  fields: {
    patientId: string;
    doctorId: string;
    start: string;
    minutes?: number;
    status?: AppointmentStatus;
    reason?: string | null;
    createdAt?: string;
    updatedAt?: string;
  },
) {
  const id = newId();
  const now = deps.clock().toISOString();
  const start = new Date(fields.start);
  const row = {
    id,
    doctor_id: fields.doctorId,
    patient_id: fields.patientId,
    start_at: start.toISOString(),
    end_at: new Date(start.getTime() + (fields.minutes ?? 30) * 60_000).toISOString(),
    status: fields.status ?? 'booked',
    reason: fields.reason ?? null,
    cancel_reason: null,
    cancelled_by: null,
    created_at: fields.createdAt ?? now,
    updated_at: fields.updatedAt ?? fields.createdAt ?? now,
  } as const;
  await deps.db.insertInto('appointments').values(row).execute();
  return row;
}

export async function createTreatment(
  deps: Deps,
  fields: { appointmentId: string; doctorId: string; patientId: string; diagnosis?: string; prescription?: string | null; notes?: string | null; nextVisit?: string | null },
) {
  const id = newId();
  const at = deps.clock().toISOString();
  const row = {
    id,
    appointment_id: fields.appointmentId,
    doctor_id: fields.doctorId,
    patient_id: fields.patientId,
    diagnosis: fields.diagnosis ?? 'Seasonal rhinitis',
    prescription: fields.prescription ?? null,
    notes: fields.notes ?? null,
    next_visit: fields.nextVisit ?? null,
    created_at: at,
    updated_at: at,
  };
  await deps.db.insertInto('treatments').values(row).execute();
  return row;
}

/** The audit rows about a patient, oldest first. */
export async function auditRowsOf(deps: Deps, patientId: string) {
  return deps.db.selectFrom('audit_log').selectAll().where('patient_id', '=', patientId).orderBy('at').orderBy('id').execute();
}
