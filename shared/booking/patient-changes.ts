/**
 * What the patient's booking endpoints share (book, reschedule, cancel): their refusals, the account
 * check, finding the patient's own appointment, and the change cut-off. The unique indexes decide who
 * gets a slot (ADR 019); everything here is for a clear answer before that.
 */
import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config';
import { writeAudit } from '../db/audit';
import { lockedOnPostgres } from '../db/dialect';
import type { Database } from '../db/schema';
import { requestSource } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { accountDisabled, conflict, notFound } from '../http/errors';
import { patientAppointments, type PatientAppointmentRow } from './appointments';

type Db = Kysely<Database> | Transaction<Database>;

export const slotTaken = () => conflict('slot_taken', 'Someone has just taken this slot. Please choose another.');
export const ownSlotTaken = () => conflict('slot_taken', 'You already have an appointment at this time.');
export const notBookable = () =>
  conflict('not_bookable', 'This is not a free slot of this doctor in the booking window (today and the next 6 days, at least the minimum notice ahead).');
export const limitReached = (max: number) =>
  conflict('limit_reached', `You already hold ${max} booked appointments. Cancel one, or wait until after a visit, to book another.`);
export const notChangeable = () => conflict('state', 'Only a booked appointment that has not started yet can be changed.');
export const tooLate = (hours: number) =>
  conflict('too_late', `An appointment cannot be changed online within ${hours} hours of its start. Please call the hospital.`);

/** A disabled account changes nothing, even if a session of it is still about (API.md "Booking rules"). */
export async function requireActivePatient(db: Db, userId: string): Promise<void> {
  const user = await db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirst();
  if (user?.status !== 'active') throw accountDisabled();
}

/** Whether a patient may still change an appointment that starts at `start` (PATIENT_CHANGE_CUTOFF_HOURS). */
export function withinCutoff(start: Date | string, now: Date, booking: Config['booking']): boolean {
  return new Date(start).getTime() - now.getTime() < booking.changeCutoffHours * 3_600_000;
}

/**
 * The signed-in patient's appointment `id`. Someone else's and a missing one get the same 404, and the
 * attempt is written to the audit trail with the outcome `not_found` (`action` says what was tried).
 */
export async function ownAppointment(c: Context<AppEnv>, id: string, action: string): Promise<PatientAppointmentRow> {
  const { db, clock } = c.env.deps;
  const user = c.var.user;
  const row = await patientAppointments(db).where('a.id', '=', id).where('a.patient_id', '=', user.id).executeTakeFirst();
  if (row) return row;
  await writeAudit(db, {
    at: clock(),
    actorId: user.id,
    actorRole: user.role,
    patientId: user.id,
    action,
    entity: 'appointment',
    entityId: id.slice(0, 100),
    outcome: 'not_found',
    ...requestSource(c),
  });
  throw notFound('That appointment');
}

/**
 * Inside a change's transaction, before its writes: the appointment is still booked at the start the checks
 * saw. On PostgreSQL the row is locked until the transaction ends (SQLite: BEGIN IMMEDIATE already
 * serialises writers; D1 cannot lock, ADR 019), so a cancel and a reschedule of one appointment at once
 * cannot both pass.
 */
export async function stillBookedAt(trx: Db, id: string, start: string): Promise<void> {
  const row = await lockedOnPostgres(trx, trx.selectFrom('appointments').select(['status', 'start_at']).where('id', '=', id)).executeTakeFirst();
  if (!row || row.status !== 'booked' || row.start_at !== start) throw notChangeable();
}
