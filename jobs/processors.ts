/** Job name → processor. Each processor lives in its own file in jobs/ and must be idempotent. */
import type { Job } from 'bullmq';
import { JOBS } from '../shared/jobs/names';
import type { Deps } from '../shared/runtime/deps';
import { process as emailAppointmentBooked } from './email-appointment-booked';
import { process as emailAppointmentRescheduled } from './email-appointment-rescheduled';
import { process as emailAppointmentCancelled } from './email-appointment-cancelled';
import { process as emailVisitCompleted } from './email-visit-completed';
import { process as emailAppointmentReminder } from './email-appointment-reminder';
import { process as monthlyReport } from './monthly-report';
import { process as exportHistory } from './export-history';
import { process as runScheduled } from './run-scheduled';
import { process as emailPasswordReset } from './email-password-reset';
import { process as emailAccountNotice } from './email-account-notice';
import { process as cleanUp } from './clean-up';

export type Processor = (deps: Deps, payload: Record<string, string | number>, job: Job) => Promise<void>;

export const processors: Record<string, Processor> = {
  [JOBS.appointmentBooked]: emailAppointmentBooked,
  [JOBS.appointmentRescheduled]: emailAppointmentRescheduled,
  [JOBS.appointmentCancelled]: emailAppointmentCancelled,
  [JOBS.visitCompleted]: emailVisitCompleted,
  [JOBS.appointmentReminder]: emailAppointmentReminder,
  [JOBS.monthlyReport]: monthlyReport,
  [JOBS.exportHistory]: exportHistory,
  [JOBS.passwordReset]: emailPasswordReset,
  [JOBS.accountNotice]: emailAccountNotice,
  [JOBS.dailyReminders]: runScheduled,
  [JOBS.monthlyReports]: runScheduled,
  [JOBS.cleanUpRun]: runScheduled,
  [JOBS.cleanUp]: cleanUp,
};
