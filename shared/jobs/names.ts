/**
 * Every job name, with the payload it carries (ids only: ARCHITECTURE rule 7) and the processor that runs
 * it (jobs/<file>.ts, registered in jobs/processors.ts). Job ids never hold `:` (BullMQ refuses them).
 */
export const JOBS = {
  /** { appointmentId }: written by a booking; the confirmation with the `.ics`. Delivery key: the appointment. */
  appointmentBooked: 'email.appointment_booked',
  /** { appointmentId }: written by a reschedule; the job id is the outbox id, which is the delivery key. */
  appointmentRescheduled: 'email.appointment_rescheduled',
  /** { appointmentId }: written by any cancellation (patient, doctor, admin, a blacklisted doctor's). */
  appointmentCancelled: 'email.appointment_cancelled',
  /** { appointmentId }: written by completing a visit; tells the patient the visit's notes are in the portal. */
  visitCompleted: 'email.visit_completed',
  /** { appointmentId, start }: enqueued by scheduled/daily-reminders. Delivery key: the appointment and its start. */
  appointmentReminder: 'email.appointment_reminder',
  /** { doctorId, month: 'YYYY-MM' }: enqueued by scheduled/monthly-reports. */
  monthlyReport: 'report.monthly_doctor',
  /** { exportId }: enqueued by POST /api/patient/exports; builds the files and mails the patient. */
  exportHistory: 'export.patient_history',
  /**
   * { userId, requestedAt }: written by every POST /api/auth/password-reset, `userId` empty when the address has
   * no account (the request does the same work either way). The processor makes the token, stores its hash
   * and mails the link, so no token is ever in the outbox, the queue or the database. Delivery key: the job id.
   */
  passwordReset: 'email.password_reset',
  /**
   * { userId, event, auditId? }: an account's security notice (password changed or reset, second factor on
   * or off, a sign-in from a new device: `auditId` names that sign-in's audit row, which holds the address,
   * user agent and time). Delivery key: the job id.
   */
  accountNotice: 'email.account_notice',
  /** { now? }: the job schedulers' jobs; each runs its scheduled function (functions/scheduled/). */
  dailyReminders: 'scheduled.daily-reminders',
  monthlyReports: 'scheduled.monthly-reports',
  cleanUpRun: 'scheduled.clean-up',
  /** { now }: enqueued by scheduled/clean-up; deletes what has outlived its use (jobs/clean-up.ts). */
  cleanUp: 'maintenance.clean_up',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];
