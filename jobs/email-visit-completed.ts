/**
 * Processor: tells the patient their visit is complete and its notes are in the portal; never the notes
 * themselves or any clinical value. Once per appointment (visit_completed, the appointment id).
 */
import { loadAppointmentMail } from '../shared/mail/appointment-mail';
import { deliverOnce } from '../shared/mail/deliver-once';
import { visitCompletedEmail } from '../shared/mail/messages/visit-completed';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload) => {
  const appointmentId = String(payload.appointmentId ?? '');
  const appointment = await loadAppointmentMail(deps.db, appointmentId);
  if (!appointment || appointment.status !== 'completed') {
    deps.log.warn('visit-completed email not sent: the appointment is gone or not completed', { appointmentId, status: appointment?.status });
    return;
  }
  const email = visitCompletedEmail(deps.config, appointment);
  await deliverOnce(deps, { kind: 'visit_completed', subjectId: appointment.id, message: { to: appointment.patientEmail, ...email } });
};
