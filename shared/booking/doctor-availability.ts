/**
 * A doctor's own view and changes of their availability (API.md "Doctor"): the 7 days of the booking
 * window with their windows, the weekly template, and the check that refuses a change that would leave a
 * booked appointment outside every window (409 `state`, naming the appointments). The writes themselves
 * are shared/booking/availability-store.ts; callers read (this check) before they write, as D1 needs.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { bookingWindow, sortWindows, strandedAppointments, type DaySchedule } from '../domain/slots';
import { datesBetween } from '../domain/zoned-time';
import { conflict, notFound } from '../http/errors';
import type { WeeklyAvailability } from '../schemas/availability';
import { instantsOfDates, liveAppointments, loadSchedules, schedulesOfDates, type DoctorSchedule } from './schedules';

type Db = Kysely<Database> | Transaction<Database>;

/** The dates of the booking window that holds `now`. */
export function windowDates(now: Date, timeZone: string): string[] {
  const { first, last } = bookingWindow(now, timeZone);
  return datesBetween(first, last);
}

/** The doctor's schedule over the booking window; 404 when the signed-in doctor has no doctor profile. */
export async function scheduleOfDoctor(db: Db, doctorId: string, dates: string[]): Promise<DoctorSchedule> {
  const schedule = (await loadSchedules(db, [doctorId], dates[0]!, dates[dates.length - 1]!)).get(doctorId);
  if (!schedule) throw notFound('Your doctor profile');
  return schedule;
}

/** The GET /api/doctor/availability answer: each date of the booking window, its windows and where they come from. */
export async function availabilityOf(db: Db, doctorId: string, now: Date, timeZone: string): Promise<{ days: DaySchedule[] }> {
  const dates = windowDates(now, timeZone);
  return { days: schedulesOfDates(await scheduleOfDoctor(db, doctorId, dates), dates) };
}

/** All 7 weekdays (Monday 1), days off with no windows, and the slot length. */
export function weeklyOf(schedule: Pick<DoctorSchedule, 'weekly' | 'slotMinutes'>): WeeklyAvailability {
  const byWeekday = new Map(schedule.weekly.map((w) => [w.weekday, w.windows]));
  return {
    slotMinutes: schedule.slotMinutes,
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, windows: sortWindows(byWeekday.get(weekday) ?? []) })),
  };
}

/**
 * Refuses (409 `state`) days whose new windows leave one of the doctor's booked appointments on those
 * dates outside every window. Completed appointments are history and cancelled ones hold nothing.
 */
export async function refuseStranding(db: Db, doctorId: string, days: Pick<DaySchedule, 'date' | 'windows'>[], timeZone: string): Promise<void> {
  if (days.length === 0) return;
  const dates = days.map((d) => d.date).sort();
  const live = (await liveAppointments(db, [doctorId], instantsOfDates(dates[0]!, dates[dates.length - 1]!, timeZone))).get(doctorId) ?? [];
  const stranded = strandedAppointments(days, live.filter((a) => a.status === 'booked'), timeZone);
  if (stranded.length === 0) return;
  const ids = stranded.map((a) => a.id);
  throw conflict(
    'state',
    `${ids.length === 1 ? 'A booked appointment' : `${ids.length} booked appointments`} would fall outside your hours: ${ids.join(', ')}. ` +
      'Cancel or move them first, or keep the time that holds them.',
    { appointmentIds: ids },
  );
}
