/**
 * Writes of a doctor's availability: the weekly template and the dates set explicitly. Callers run them
 * inside their transaction, with the check for stranded appointments (shared/domain/slots.ts) before them.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { DateOverride, WeeklyDay } from '../domain/slots';
import { newId } from '../ids';

type Db = Kysely<Database> | Transaction<Database>;

/** Replaces the doctor's whole weekly template (and the slot length, when given). */
export async function replaceWeekly(db: Db, doctorId: string, weekly: WeeklyDay[], at: string, slotMinutes?: number): Promise<void> {
  await db.deleteFrom('doctor_weekly_hours').where('doctor_id', '=', doctorId).execute();
  const rows = weekly.flatMap((day) => day.windows.map((w) => ({ doctor_id: doctorId, weekday: day.weekday, start_time: w.start, end_time: w.end })));
  // D1 binds at most 100 parameters a statement: 4 a row, so 20 rows an INSERT.
  for (let i = 0; i < rows.length; i += 20) await db.insertInto('doctor_weekly_hours').values(rows.slice(i, i + 20)).execute();
  if (slotMinutes !== undefined) {
    await db.updateTable('doctors').set({ slot_minutes: slotMinutes, updated_at: at }).where('user_id', '=', doctorId).execute();
  }
}

/** Sets these dates explicitly (a date with no windows is a day off), replacing what they held. */
export async function replaceDates(db: Db, doctorId: string, days: DateOverride[], at: string): Promise<void> {
  const dates = days.map((d) => d.date);
  if (dates.length === 0) return;
  await db.deleteFrom('doctor_availability').where('doctor_id', '=', doctorId).where('date', 'in', dates).execute();
  await db.deleteFrom('doctor_availability_dates').where('doctor_id', '=', doctorId).where('date', 'in', dates).execute();
  await db.insertInto('doctor_availability_dates').values(dates.map((date) => ({ doctor_id: doctorId, date, created_at: at }))).execute();
  const rows = days.flatMap((d) =>
    d.windows.map((w) => ({ id: newId(), doctor_id: doctorId, date: d.date, start_time: w.start, end_time: w.end, created_at: at })),
  );
  for (let i = 0; i < rows.length; i += 14) await db.insertInto('doctor_availability').values(rows.slice(i, i + 14)).execute();
}

/** Returns a date to the weekly template. */
export async function clearDate(db: Db, doctorId: string, date: string): Promise<void> {
  await db.deleteFrom('doctor_availability').where('doctor_id', '=', doctorId).where('date', '=', date).execute();
  await db.deleteFrom('doctor_availability_dates').where('doctor_id', '=', doctorId).where('date', '=', date).execute();
}
