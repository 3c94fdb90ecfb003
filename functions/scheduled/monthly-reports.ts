/**
 * The 1st of each month at MONTHLY_REPORT_TIME in the hospital's zone: one report job per active doctor
 * (not removed, not blacklisted) for the PREVIOUS month in that zone. Only enqueues; the report is
 * jobs/monthly-report.ts. The job id names the doctor and the month, so a second run adds nothing.
 */
import { JOBS } from '../../shared/jobs/names';
import { defineScheduled, cronTime, localDateAt, previousMonth } from '../../shared/jobs/scheduled';
import type { JobRequest } from '../../shared/runtime/deps';

export default defineScheduled({
  name: 'monthly-reports',
  job: JOBS.monthlyReports,
  cron: (config) => `${cronTime(config.background.monthlyReportTime)} 1 * *`,
  async run(deps, now) {
    const month = previousMonth(localDateAt(now, deps.config.hospitalTimeZone).slice(0, 7));
    // A hospital has hundreds of doctors, not hundreds of thousands: one query, one addBulk.
    const doctors = await deps.db
      .selectFrom('doctors')
      .innerJoin('users', 'users.id', 'doctors.user_id')
      .select('doctors.user_id as id')
      .where('doctors.deleted_at', 'is', null)
      .where('users.status', '=', 'active')
      .orderBy('doctors.user_id')
      .execute();
    const jobs: JobRequest[] = doctors.map((doctor) => ({
      name: JOBS.monthlyReport,
      payload: { doctorId: doctor.id, month },
      options: { jobId: `report.${doctor.id}.${month}` },
    }));
    if (jobs.length > 0) await deps.jobs.enqueueMany(jobs);
    deps.log.info('monthly reports enqueued', { month, enqueued: jobs.length });
    return { enqueued: jobs.length };
  },
});
