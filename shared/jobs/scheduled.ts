/**
 * Scheduled functions (functions/scheduled/<name>.ts, ADR 026): run at a wall-clock time in the hospital's
 * zone and ONLY enqueue jobs, each with a stable id (no `:`), so a second run for the same moment (a retry,
 * or every process's scheduler firing) adds nothing new: BullMQ keeps one job per id. The actual work
 * (mails, reports) is in the jobs they enqueue.
 *
 * Who calls `run`: under Node a BullMQ job scheduler (jobs/schedulers.ts → jobs/run-scheduled.ts); in the
 * Cloudflare Worker the `scheduled` handler, for the functions whose hospital-zone time `isDue`;
 * `npm run invoke -- scheduled/<name> --now ISO` for one moment by hand. No Node imports here: the Worker
 * bundles this file.
 */
import type { Config } from '../config';
import type { Deps } from '../runtime/deps';
import { instantAt } from '../domain/zoned-time';

export interface ScheduledFunction {
  /** `daily-reminders`: the file's name, the job scheduler's id. */
  name: string;
  /** The job the scheduler adds (JOBS.dailyReminders …), processed by jobs/run-scheduled.ts. */
  job: string;
  /** A five-field cron `M H D * *` read in config.hospitalTimeZone (numbers or `*` only). */
  cron(config: Pick<Config, 'background'>): string;
  /** Enqueues the work for the moment `now`; answers how many jobs it handed to the queue. */
  run(deps: Deps, now: Date): Promise<{ enqueued: number }>;
}

export function defineScheduled(fn: ScheduledFunction): ScheduledFunction {
  return fn;
}

/** `HH:MM` → the `M H` of a cron line. */
export function cronTime(clock: string): string {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return `${m} ${h}`;
}

/** The calendar date (`YYYY-MM-DD`) the hospital's wall calendar shows at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** `[start, end)` of a month in the hospital's zone, as instants. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  return { from: instantAt(`${month}-01`, '00:00', timeZone), to: instantAt(`${nextMonth(month)}-01`, '00:00', timeZone) };
}

/**
 * Whether `cron` (read in `timeZone`) falls due in the minute starting at `instant`: for the Worker,
 * whose Cloudflare cron triggers are UTC and fire every minute. The due instant is the local date's
 * `H:M` through instantAt, so a time inside a spring gap is due when the clocks resume and a time that
 * happens twice is due once, at its first occurrence (ADR 016's rules).
 */
export function isDue(cron: string, instant: Date, timeZone: string): boolean {
  const [minute, hour, day, month, weekday] = cron.trim().split(/\s+/);
  if (!minute || !hour || minute === '*' || hour === '*') throw new Error(`cron "${cron}": minute and hour must be numbers`);
  const minuteStart = Math.floor(instant.getTime() / 60_000) * 60_000;
  const date = localDateAt(new Date(minuteStart), timeZone);
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  if (day && day !== '*' && Number(day) !== d) return false;
  if (month && month !== '*' && Number(month) !== m) return false;
  if (weekday && weekday !== '*') throw new Error(`cron "${cron}": weekdays are not supported`);
  const clock = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  const due = instantAt(date, clock, timeZone).getTime();
  return due >= minuteStart && due < minuteStart + 60_000;
}
