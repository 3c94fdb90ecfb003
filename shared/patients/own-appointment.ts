/**
 * One appointment of the signed-in patient, for the endpoints that read one by id. Another patient's
 * appointment and a missing one are the same thing here: not found (API.md: never reveal others' ids).
 */
import type { Kysely } from 'kysely';
import { patientAppointments, type PatientAppointmentRow } from '../booking/appointments';
import type { Database } from '../db/schema';

export async function findOwnAppointment(db: Kysely<Database>, patientId: string, id: string): Promise<PatientAppointmentRow | undefined> {
  return patientAppointments(db).where('a.id', '=', id).where('a.patient_id', '=', patientId).executeTakeFirst();
}

/**
 * The id a client asked for, as the audit row's entity id: kept when it looks like one of our ids, else
 * null (a path segment is the client's text: the audit trail keeps no essays and no control characters).
 */
export function requestedId(id: string): string | null {
  return /^[0-9A-Za-z-]{1,64}$/.test(id) ? id : null;
}
