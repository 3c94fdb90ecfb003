/**
 * Each night at 03:30 in the hospital's zone: one clean-up job (jobs/clean-up.ts) for that night, which deletes
 * what has outlived its use: idempotency keys past their 24 hours, password-reset links past their expiry, and
 * the files of exports past theirs. Only enqueues (ADR 026); the job id carries the date, so a second run that
 * night adds nothing.
 */
import { JOBS } from '../../shared/jobs/names';
import { defineScheduled, localDateAt } from '../../shared/jobs/scheduled';

export default defineScheduled({
  name: 'clean-up',
  job: JOBS.cleanUpRun,
  // At night, away from the clinics' hours and from the reminders (REMINDER_TIME, 08:00 by default).
  cron: () => '30 3 * * *',
  run: async (deps, now) => {
    const night = localDateAt(now, deps.config.hospitalTimeZone);
    await deps.jobs.enqueue(JOBS.cleanUp, { now: now.toISOString() }, { jobId: `clean-up.${night}` });
    return { enqueued: 1 };
  },
});
