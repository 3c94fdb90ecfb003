/**
 * Doctors' schedules read from the database and handed to the pure slot arithmetic (shared/domain/slots.ts):
 * the weekly template, the dates set explicitly, and the live appointments of a date range. One query per
 * table for any number of doctors, so a department's slots cost a few queries, not a few per doctor.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import {
  daySchedules,
  freeSlots,
  slotsOfDay,
  type DateOverride,
  type DaySchedule,
  type Held,
  type Slot,
  type WeeklyDay,
} from '../domain/slots';
import { dateInZone } from '../domain/calendar';
import { addDays, instantAt } from '../domain/zoned-time';

type Db = Kysely<Database> | Transaction<Database>;

export interface DoctorSchedule {
  doctorId: string;
  slotMinutes: number;
  weekly: WeeklyDay[];
  overrides: DateOverride[];
}

/** A doctor who takes bookings: an active account, not removed. */
export function bookableDoctors(db: Db) {
  return db
    .selectFrom('doctors')
    .innerJoin('users', 'users.id', 'doctors.user_id')
    .where('users.status', '=', 'active')
    .where('doctors.deleted_at', 'is', null);
}

/** The schedules of these doctors for the dates `from`..`to` (doctors missing from the answer do not exist). */
/**
 * Doctor ids per `in (...)` list: D1 binds at most 100 parameters a statement, and a department may hold
 * more doctors than that. One chunk in the usual case, so one query per table.
 */
const IDS_PER_QUERY = 90;

async function inChunks<T>(ids: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length <= IDS_PER_QUERY) return query(ids);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) chunks.push(ids.slice(i, i + IDS_PER_QUERY));
  return (await Promise.all(chunks.map(query))).flat();
}

/** The schedules of these doctors for the dates `from`..`to` (doctors missing from the answer do not exist). */
export async function loadSchedules(db: Db, doctorIds: string[], from: string, to: string): Promise<Map<string, DoctorSchedule>> {
  const schedules = new Map<string, DoctorSchedule>();
  if (doctorIds.length === 0) return schedules;
  const [doctors, weekly, dates, windows] = await Promise.all([
    inChunks(doctorIds, (ids) => db.selectFrom('doctors').select(['user_id', 'slot_minutes']).where('user_id', 'in', ids).execute()),
    inChunks(doctorIds, (ids) =>
      db.selectFrom('doctor_weekly_hours').select(['doctor_id', 'weekday', 'start_time', 'end_time']).where('doctor_id', 'in', ids).execute(),
    ),
    inChunks(doctorIds, (ids) =>
      db
        .selectFrom('doctor_availability_dates')
        .select(['doctor_id', 'date'])
        .where('doctor_id', 'in', ids)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute(),
    ),
    inChunks(doctorIds, (ids) =>
      db
        .selectFrom('doctor_availability')
        .select(['doctor_id', 'date', 'start_time', 'end_time'])
        .where('doctor_id', 'in', ids)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute(),
    ),
  ]);
  for (const d of doctors) schedules.set(d.user_id, { doctorId: d.user_id, slotMinutes: d.slot_minutes, weekly: [], overrides: [] });
  for (const row of weekly) {
    const schedule = schedules.get(row.doctor_id);
    if (!schedule) continue;
    let day = schedule.weekly.find((w) => w.weekday === row.weekday);
    if (!day) schedule.weekly.push((day = { weekday: row.weekday, windows: [] }));
    day.windows.push({ start: row.start_time, end: row.end_time });
  }
  const overrides = new Map<string, DateOverride>();
  for (const row of dates) {
    const override = { date: row.date, windows: [] };
    overrides.set(`${row.doctor_id} ${row.date}`, override);
    schedules.get(row.doctor_id)?.overrides.push(override);
  }
  for (const row of windows) {
    // A window row without its date marker is ignored: the marker is what makes a date explicit.
    overrides.get(`${row.doctor_id} ${row.date}`)?.windows.push({ start: row.start_time, end: row.end_time });
  }
  return schedules;
}

/** The instants that bound the calendar dates `from`..`to` in the hospital's zone. */
export function instantsOfDates(from: string, to: string, timeZone: string): { start: string; end: string } {
  return {
    start: instantAt(from, '00:00', timeZone).toISOString(),
    end: instantAt(addDays(to, 1), '00:00', timeZone).toISOString(),
  };
}

export type LiveAppointment = Held & { id: string; patientId: string; status: 'booked' | 'completed' };

/** Live (not cancelled) appointments of these doctors that start within the dates, by doctor. */
export async function liveAppointments(
  db: Db,
  doctorIds: string[],
  range: { start: string; end: string },
): Promise<Map<string, LiveAppointment[]>> {
  const byDoctor = new Map<string, LiveAppointment[]>();
  if (doctorIds.length === 0) return byDoctor;
  const rows = await inChunks(doctorIds, (ids) =>
    db
      .selectFrom('appointments')
      .select(['id', 'doctor_id', 'patient_id', 'start_at', 'end_at', 'status'])
      .where('doctor_id', 'in', ids)
      .where('start_at', '>=', range.start)
      .where('start_at', '<', range.end)
      // Written as the partial unique index's own predicate, so the planner can use that index.
      .where(sql.ref('status'), '<>', 'cancelled')
      .orderBy('start_at')
      .execute(),
  );
  for (const row of rows) {
    let list = byDoctor.get(row.doctor_id);
    if (!list) byDoctor.set(row.doctor_id, (list = []));
    list.push({ id: row.id, patientId: row.patient_id, status: row.status as LiveAppointment['status'], start: row.start_at, end: row.end_at });
  }
  return byDoctor;
}

/**
 * Only the time held by live appointments of these doctors within the dates, by doctor, in no order: what
 * free slots need, and no more (the lean form of liveAppointments for the slot lists, read on every view).
 */
export async function heldTimes(db: Db, doctorIds: string[], range: { start: string; end: string }): Promise<Map<string, Held[]>> {
  const byDoctor = new Map<string, Held[]>();
  if (doctorIds.length === 0) return byDoctor;
  const rows = await inChunks(doctorIds, (ids) =>
    db
      .selectFrom('appointments')
      .select(['doctor_id', 'start_at', 'end_at'])
      .where('doctor_id', 'in', ids)
      .where('start_at', '>=', range.start)
      .where('start_at', '<', range.end)
      .where(sql.ref('status'), '<>', 'cancelled')
      .execute(),
  );
  for (const row of rows) {
    let list = byDoctor.get(row.doctor_id);
    if (!list) byDoctor.set(row.doctor_id, (list = []));
    list.push({ start: row.start_at, end: row.end_at });
  }
  return byDoctor;
}

export interface SlotQuery {
  dates: string[];
  now: Date;
  config: Pick<Config, 'hospitalTimeZone' | 'booking'>;
}

/** Free slots of each doctor on those dates (the dates should lie in the booking window). */
export async function freeSlotsOf(db: Db, doctorIds: string[], query: SlotQuery): Promise<Map<string, Slot[]>> {
  const free = new Map<string, Slot[]>();
  if (query.dates.length === 0 || doctorIds.length === 0) return free;
  const from = query.dates[0]!;
  const to = query.dates[query.dates.length - 1]!;
  const zone = query.config.hospitalTimeZone;
  const [schedules, taken] = await Promise.all([
    loadSchedules(db, doctorIds, from, to),
    heldTimes(db, doctorIds, instantsOfDates(from, to, zone)),
  ]);
  for (const [doctorId, schedule] of schedules) {
    free.set(
      doctorId,
      freeSlots({
        days: daySchedules(query.dates, schedule.weekly, schedule.overrides),
        slotMinutes: schedule.slotMinutes,
        timeZone: zone,
        taken: taken.get(doctorId) ?? [],
        now: query.now,
        minNoticeMinutes: query.config.booking.minNoticeMinutes,
      }),
    );
  }
  return free;
}

/** Each date's windows for one schedule (the doctor's availability view). */
export function schedulesOfDates(schedule: DoctorSchedule, dates: string[]): DaySchedule[] {
  return daySchedules(dates, schedule.weekly, schedule.overrides);
}

export type SlotVerdict = { ok: true; slot: Slot } | { ok: false; code: 'not_bookable' | 'slot_taken' };

/**
 * Whether `start` is a free slot of the doctor inside the booking window that starts at least
 * `minNoticeMinutes` after `now`. `ignoreAppointmentId` leaves one appointment out of the time held (the
 * one a reschedule moves). A friendly early answer only: the unique indexes decide a race.
 */
export async function judgeSlot(
  db: Db,
  input: { doctorId: string; start: Date; windowDates: string[]; now: Date; minNoticeMinutes: number; timeZone: string; ignoreAppointmentId?: string },
): Promise<SlotVerdict> {
  const date = dateInZone(input.start, input.timeZone);
  if (!input.windowDates.includes(date)) return { ok: false, code: 'not_bookable' };
  const schedule = (await loadSchedules(db, [input.doctorId], date, date)).get(input.doctorId);
  if (!schedule) return { ok: false, code: 'not_bookable' };
  const [day] = daySchedules([date], schedule.weekly, schedule.overrides);
  const slot = slotsOfDay(day!, schedule.slotMinutes, input.timeZone).find((s) => s.start.getTime() === input.start.getTime());
  if (!slot || slot.start.getTime() < input.now.getTime() + input.minNoticeMinutes * 60_000) return { ok: false, code: 'not_bookable' };
  const held = (await liveAppointments(db, [input.doctorId], instantsOfDates(date, date, input.timeZone))).get(input.doctorId) ?? [];
  const overlaps = held.some(
    (h) => h.id !== input.ignoreAppointmentId && new Date(h.start) < slot.end && new Date(h.end) > slot.start,
  );
  return overlaps ? { ok: false, code: 'slot_taken' } : { ok: true, slot };
}
