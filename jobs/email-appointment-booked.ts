/**
 * Processor: the booking confirmation with its `.ics` (METHOD:REQUEST, UID `<id>@wardline`), once per
 * appointment (delivery log key: appointment_booked, the appointment id). The appointment is read as it is
 * now: if it was moved before this ran, the confirmation already shows the new time (its own notice follows
 * and changes nothing in the calendar); if it was cancelled, no confirmation goes out (the cancellation
 * notice does).
 */
import { calendarAttachment, loadAppointmentMail } from '../shared/mail/appointment-mail';
import { deliverOnce } from '../shared/mail/deliver-once';
import { appointmentBookedEmail } from '../shared/mail/messages/appointment-booked';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload) => {
  const appointmentId = String(payload.appointmentId ?? '');
  const appointment = await loadAppointmentMail(deps.db, appointmentId);
  if (!appointment || appointment.status !== 'booked') {
    deps.log.info('booking confirmation not sent: the appointment is gone or no longer booked', { appointmentId, status: appointment?.status });
    return;
  }
  const email = appointmentBookedEmail(deps.config, appointment);
  await deliverOnce(deps, {
    kind: 'appointment_booked',
    subjectId: appointment.id,
    message: { to: appointment.patientEmail, ...email, attachments: [calendarAttachment(deps.config, appointment, 'REQUEST')] },
  });
};
