/** Wording of the reminder sent before a visit (the day before; "tomorrow" is not written, a late run must not lie) (scheduled/daily-reminders enqueues it). */
import type { AppointmentMail, MailConfig } from '../appointment-mail';
import { appointmentPath } from '../appointment-mail';
import { formatInZone, renderEmail } from '../template';

export function appointmentReminderEmail(config: MailConfig, a: AppointmentMail) {
  const when = formatInZone(a.start, config.hospitalTimeZone);
  return renderEmail(config, {
    subject: 'Reminder of your appointment',
    heading: 'A reminder of your appointment',
    paragraphs: [
      `Dear ${a.patientName},`,
      `a reminder of your appointment with ${a.doctorName} (${a.departmentName}) at ${config.hospitalName} on ${when}.`,
      'If you cannot come, please cancel it in Wardline so that someone else can have the time.',
    ],
    action: { label: 'View your appointment', path: appointmentPath(a.id) },
  });
}
