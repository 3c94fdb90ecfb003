/**
 * Wording of the cancellation notice (sent with a METHOD:CANCEL `.ics` that removes the calendar entry).
 * The cancel reason is not repeated: a doctor's may hold clinical detail, and the patient knows their own.
 */
import type { AppointmentMail, MailConfig } from '../appointment-mail';
import { formatInZone, renderEmail } from '../template';

export function appointmentCancelledEmail(config: MailConfig, a: AppointmentMail) {
  const when = formatInZone(a.start, config.hospitalTimeZone);
  const byPatient = a.cancelledBy === a.patientId;
  return renderEmail(config, {
    subject: 'Your appointment is cancelled',
    heading: 'Your appointment is cancelled',
    paragraphs: [
      `Dear ${a.patientName},`,
      byPatient
        ? `as you asked, your appointment with ${a.doctorName} (${a.departmentName}) at ${config.hospitalName} on ${when} is cancelled.`
        : `we are sorry: ${config.hospitalName} had to cancel your appointment with ${a.doctorName} (${a.departmentName}) on ${when}.`,
      'The calendar file attached to this email removes it from your calendar.',
      'You can book another appointment in Wardline.',
    ],
    action: { label: 'Book an appointment', path: '/doctors' },
  });
}
