/** Wording of the reschedule notice (sent with the updated `.ics`: same UID, higher SEQUENCE). */
import type { AppointmentMail, MailConfig } from '../appointment-mail';
import { appointmentPath } from '../appointment-mail';
import { formatInZone, renderEmail } from '../template';

export function appointmentRescheduledEmail(config: MailConfig, a: AppointmentMail) {
  const when = formatInZone(a.start, config.hospitalTimeZone);
  return renderEmail(config, {
    subject: 'Your appointment has moved',
    heading: 'Your appointment has moved',
    paragraphs: [
      `Dear ${a.patientName},`,
      `your appointment with ${a.doctorName} (${a.departmentName}) at ${config.hospitalName} is now on ${when}.`,
      'The calendar file attached to this email moves the entry already in your calendar.',
    ],
    action: { label: 'View your appointment', path: appointmentPath(a.id) },
  });
}
