/**
 * Helpers for the booking tests: sign a user in without a password (a session made directly, no argon2,
 * no throttle), name a slot by its date and clock time, and put an appointment straight in the database.
 */
import type { AppointmentStatus } from '../../shared/db/schema';
import { instantAt } from '../../shared/domain/zoned-time';
import { newId } from '../../shared/ids';
import type { Deps } from '../../shared/runtime/deps';

/** A session of this user, as the `name=value` a browser sends back. */
export async function sessionCookie(deps: Deps, userId: string): Promise<string> {
  const { cookie } = await deps.sessions.create(userId);
  return cookie.split(';')[0]!;
}

/** The instant (ISO, UTC) at which the hospital's clock reads `clock` on `date`. */
export function at(deps: Deps, date: string, clock: string): string {
  return instantAt(date, clock, deps.config.hospitalTimeZone).toISOString();
}

/** An appointment written directly (for states the API does not reach in a test's time, or for speed). */
export async function insertAppointment(
  deps: Deps,
  fields: { doctorId: string; patientId: string; start: string; minutes?: number; status?: AppointmentStatus; reason?: string | null },
): Promise<string> {
  const id = newId();
  const now = deps.clock().toISOString();
  await deps.db
    .insertInto('appointments')
    .values({
      id,
      doctor_id: fields.doctorId,
      patient_id: fields.patientId,
      start_at: fields.start,
      end_at: new Date(new Date(fields.start).getTime() + (fields.minutes ?? 30) * 60_000).toISOString(),
      status: fields.status ?? 'booked',
      reason: fields.reason ?? null,
      cancel_reason: null,
      cancelled_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
