/** Wording of the booking confirmation (sent with the `.ics`, METHOD:REQUEST). Nothing clinical: not even the reason. */
import type { AppointmentMail, MailConfig } from '../appointment-mail';
import { appointmentPath } from '../appointment-mail';
import { formatInZone, renderEmail } from '../template';

export function appointmentBookedEmail(config: MailConfig, a: AppointmentMail) {
  const when = formatInZone(a.start, config.hospitalTimeZone);
  return renderEmail(config, {
    subject: 'Your appointment is booked',
    heading: 'Your appointment is booked',
    paragraphs: [
      `Dear ${a.patientName},`,
      `your appointment with ${a.doctorName} (${a.departmentName}) at ${config.hospitalName} is booked for ${when}.`,
      'The calendar file attached to this email adds it to your calendar; if the appointment changes, the next email updates that entry.',
      'To reschedule or cancel, open the appointment in Wardline.',
    ],
    action: { label: 'View your appointment', path: appointmentPath(a.id) },
  });
}
