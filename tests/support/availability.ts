/**
 * For the catalogue's and the doctor's availability tests: an appointment put straight into the database
 * (booking through the API is another file's business), and a client signed in as a given user.
 */
import login from '../../functions/auth/login';
import type { AppointmentStatus } from '../../shared/db/schema';
import type { FunctionApp } from '../../shared/http/define-function';
import { newId } from '../../shared/ids';
import type { Deps } from '../../shared/runtime/deps';
import { testClient } from './http';

export async function insertAppointment(
  deps: Deps,
  fields: { doctorId: string; patientId: string; start: string; minutes?: number; status?: AppointmentStatus },
): Promise<string> {
  const id = newId();
  const at = deps.clock().toISOString();
  const start = new Date(fields.start);
  const end = new Date(start.getTime() + (fields.minutes ?? 30) * 60_000);
  await deps.db
    .insertInto('appointments')
    .values({
      id,
      doctor_id: fields.doctorId,
      patient_id: fields.patientId,
      start_at: start.toISOString(),
      end_at: end.toISOString(),
      status: fields.status ?? 'booked',
      reason: null,
      cancel_reason: null,
      cancelled_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

let addresses = 0;

/** A client of these functions signed in as `user` (each from an address of its own). */
export async function signedIn(deps: Deps, functions: FunctionApp[], user: { email: string; password: string }) {
  addresses = (addresses % 250) + 1;
  const client = testClient(deps, [login, ...functions], { clientAddress: `203.0.113.${addresses}` });
  const res = await client.post('/api/auth/login', { json: { email: user.email, password: user.password } });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return client;
}
