/**
 * Wording of the "your visit is complete" email. It never carries the diagnosis, prescription, notes or any
 * other clinical value (ARCHITECTURE rule 7; email is not a safe place for them): it says where to read them.
 */
import type { AppointmentMail, MailConfig } from '../appointment-mail';
import { appointmentPath } from '../appointment-mail';
import { formatInZone, renderEmail } from '../template';

export function visitCompletedEmail(config: MailConfig, a: AppointmentMail) {
  const when = formatInZone(a.start, config.hospitalTimeZone);
  return renderEmail(config, {
    subject: 'Your visit notes are ready',
    heading: 'Your visit notes are ready',
    paragraphs: [
      `Dear ${a.patientName},`,
      `thank you for your visit to ${a.doctorName} (${a.departmentName}) at ${config.hospitalName} on ${when}.`,
      "The doctor's notes from the visit are in your patient portal. Sign in to Wardline to read them.",
    ],
    action: { label: 'Read your visit notes', path: appointmentPath(a.id) },
  });
}
