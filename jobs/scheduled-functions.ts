/**
 * Every scheduled function (functions/scheduled/), for the worker's schedulers and processor and for
 * invoke. A static list, not a folder scan, because the server bundle (scripts/build-server.ts) has no
 * folder to scan; jobs/scheduled-functions.test.ts checks it against the folder. The Worker build lists
 * the folder itself (virtual:wardline-scheduled).
 */
import dailyReminders from '../functions/scheduled/daily-reminders';
import monthlyReports from '../functions/scheduled/monthly-reports';
import cleanUp from '../functions/scheduled/clean-up';
import type { ScheduledFunction } from '../shared/jobs/scheduled';

export const SCHEDULED_FUNCTIONS: readonly ScheduledFunction[] = [dailyReminders, monthlyReports, cleanUp];

export function scheduledByName(name: string): ScheduledFunction | undefined {
  return SCHEDULED_FUNCTIONS.find((fn) => fn.name === name);
}

export function scheduledByJob(job: string): ScheduledFunction | undefined {
  return SCHEDULED_FUNCTIONS.find((fn) => fn.job === job);
}
