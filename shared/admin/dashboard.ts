/**
 * The admin dashboard's numbers (API.md "Admin"), from five aggregate queries: doctors, patients,
 * appointments by status and by department (both from `appointment_counts`, a few rows a doctor kept by
 * triggers, not a scan of every appointment: migration 2026-12-04-001), and appointments per start minute and
 * status over the chart's dates (grouped in SQL, then put on calendar dates of the hospital's zone here: a
 * minute never straddles two dates, whatever the zone's offset, which an hour would in a half-hour zone).
 */
import { sql, type Kysely } from 'kysely';
import { dateInZone } from '../domain/calendar';
import { BOOKING_WINDOW_DAYS } from '../domain/slots';
import { addDays, datesBetween, instantAt } from '../domain/zoned-time';
import type { Database } from '../db/schema';
import type { AdminDashboard } from '../schemas/dashboard';

/** Days of history in the chart before today. */
export const DASHBOARD_PAST_DAYS = 30;

export async function computeDashboard(db: Kysely<Database>, now: Date, timeZone: string): Promise<AdminDashboard> {
  const today = dateInZone(now, timeZone);
  const first = addDays(today, -DASHBOARD_PAST_DAYS);
  const last = addDays(today, BOOKING_WINDOW_DAYS - 1);
  const from = instantAt(first, '00:00', timeZone).toISOString();
  const until = instantAt(addDays(last, 1), '00:00', timeZone).toISOString();
  const minute = sql<string>`substr(start_at, 1, 16)`;

  const [doctors, patients, byStatus, byMinute, byDepartment] = await Promise.all([
    db.selectFrom('doctors').select((eb) => eb.fn.countAll().as('n')).where('deleted_at', 'is', null).executeTakeFirstOrThrow(),
    db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'patient').executeTakeFirstOrThrow(),
    db.selectFrom('appointment_counts').select((eb) => ['status', eb.fn.sum<string | number>('n').as('n')]).groupBy('status').execute(),
    db
      .selectFrom('appointments')
      .select((eb) => [minute.as('minute'), 'status', eb.fn.countAll().as('n')])
      .where('start_at', '>=', from)
      .where('start_at', '<', until)
      .groupBy([minute, 'status'])
      .execute(),
    db
      .selectFrom('departments as d')
      .leftJoin('doctors as doc', 'doc.department_id', 'd.id')
      .leftJoin('appointment_counts as a', 'a.doctor_id', 'doc.user_id')
      .select((eb) => ['d.id', 'd.name', eb.fn.coalesce(eb.fn.sum<string | number>('a.n'), sql<number>`0`).as('n')])
      .groupBy(['d.id', 'd.name'])
      .execute(),
  ]);

  const counts = { booked: 0, completed: 0, cancelled: 0 };
  for (const row of byStatus) counts[row.status] = Number(row.n);
  const dates = datesBetween(first, last);
  const days = new Map(dates.map((date) => [date, { date, booked: 0, completed: 0, cancelled: 0 }]));
  // Each date's first minute in UTC (`YYYY-MM-DDTHH:MM`, as the query groups them): a row belongs to the last
  // date that starts at or before its minute. Text compares as time here, and no Intl call per row.
  const starts = dates.map((date) => instantAt(date, '00:00', timeZone).toISOString().slice(0, 16));
  for (const row of byMinute) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= row.minute) lo = mid;
      else hi = mid - 1;
    }
    const day = days.get(dates[lo]!);
    if (day && starts[lo]! <= row.minute) day[row.status] += Number(row.n);
  }
  const todays = days.get(today)!;
  return {
    doctors: Number(doctors.n),
    patients: Number(patients.n),
    appointments: { total: counts.booked + counts.completed + counts.cancelled, ...counts, today: todays.booked + todays.completed },
    series: {
      perDay: [...days.values()],
      byDepartment: byDepartment
        .map((row) => ({ departmentId: row.id, name: row.name, appointments: Number(row.n) }))
        .sort((a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name)),
    },
  };
}
