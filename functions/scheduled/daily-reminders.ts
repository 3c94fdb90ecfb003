/**
 * Each day at REMINDER_TIME in the hospital's zone: one reminder job per booked appointment of the NEXT
 * calendar day there (23 or 25 hours long across a daylight-saving change). Only enqueues; the mail is
 * jobs/email-appointment-reminder.ts. The job id carries the start, so a visit moved to another day is
 * reminded again for its new start, and a second run for the same day adds nothing.
 */
import { addDays, instantAt } from '../../shared/domain/zoned-time';
import { JOBS } from '../../shared/jobs/names';
import { defineScheduled, cronTime, localDateAt } from '../../shared/jobs/scheduled';
import type { Deps, JobRequest } from '../../shared/runtime/deps';

/** Rows per page: one keyset query and one addBulk per page keeps memory flat at 100,000 visits. */
export const PAGE_SIZE = 2_000;

export default defineScheduled({
  name: 'daily-reminders',
  job: JOBS.dailyReminders,
  cron: (config) => `${cronTime(config.background.reminderTime)} * * *`,
  run: (deps, now) => enqueueReminders(deps, now, PAGE_SIZE),
});

/** The run, with the page size as an argument so a test can cross page boundaries with a few rows. */
export async function enqueueReminders(deps: Deps, now: Date, pageSize: number): Promise<{ enqueued: number }> {
  const zone = deps.config.hospitalTimeZone;
  const day = addDays(localDateAt(now, zone), 1);
  const from = instantAt(day, '00:00', zone).toISOString();
  const to = instantAt(addDays(day, 1), '00:00', zone).toISOString();
  let enqueued = 0;
  // Keyset paging on (start_at, id), served by the appointments_start index: each page costs the
  // same however deep it is, where OFFSET would rescan every earlier row.
  let after: { start: string; id: string } | undefined;
  for (;;) {
    let query = deps.db
      .selectFrom('appointments')
      .select(['id', 'start_at'])
      .where('status', '=', 'booked')
      .where('start_at', '>=', from)
      .where('start_at', '<', to);
    if (after) {
      const { start, id } = after;
      query = query.where((eb) => eb.or([eb('start_at', '>', start), eb.and([eb('start_at', '=', start), eb('id', '>', id)])]));
    }
    const rows = await query.orderBy('start_at').orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) break;
    const jobs: JobRequest[] = rows.map((row) => ({
      name: JOBS.appointmentReminder,
      payload: { appointmentId: row.id, start: row.start_at },
      options: { jobId: `reminder.${row.id}.${Date.parse(row.start_at)}` },
    }));
    await deps.jobs.enqueueMany(jobs);
    enqueued += jobs.length;
    const last = rows[rows.length - 1]!;
    after = { start: last.start_at, id: last.id };
    if (rows.length < pageSize) break;
  }
  deps.log.info('reminders enqueued', { day, enqueued });
  return { enqueued };
}
