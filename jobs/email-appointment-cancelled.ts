/**
 * Processor: the cancellation notice with a METHOD:CANCEL `.ics` (STATUS:CANCELLED, the same UID: the
 * calendar entry is removed). Written by every cancellation (the patient's, the doctor's, a removed or
 * blacklisted doctor's); once per appointment (appointment_cancelled, the appointment id): cancelled is final.
 */
import { calendarAttachment, loadAppointmentMail } from '../shared/mail/appointment-mail';
import { deliverOnce } from '../shared/mail/deliver-once';
import { appointmentCancelledEmail } from '../shared/mail/messages/appointment-cancelled';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload) => {
  const appointmentId = String(payload.appointmentId ?? '');
  const appointment = await loadAppointmentMail(deps.db, appointmentId);
  if (!appointment || appointment.status !== 'cancelled') {
    deps.log.warn('cancellation notice not sent: the appointment is gone or not cancelled', { appointmentId, status: appointment?.status });
    return;
  }
  const email = appointmentCancelledEmail(deps.config, appointment);
  await deliverOnce(deps, {
    kind: 'appointment_cancelled',
    subjectId: appointment.id,
    message: { to: appointment.patientEmail, ...email, attachments: [calendarAttachment(deps.config, appointment, 'CANCEL')] },
  });
};
