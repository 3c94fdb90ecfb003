/**
 * Processor: the reschedule notice with the updated `.ics` (METHOD:REQUEST, the same UID, a higher
 * SEQUENCE: the calendar entry moves). One per reschedule, so the delivery log key is the job id, which
 * the relay sets to the outbox row's id (appointment_rescheduled, outbox id): a retried or re-run job of
 * that row sends nothing more, and a second reschedule sends its own notice. Nothing is sent if the
 * appointment was cancelled or completed meanwhile (its own email says so).
 */
import { calendarAttachment, loadAppointmentMail } from '../shared/mail/appointment-mail';
import { deliverOnce } from '../shared/mail/deliver-once';
import { appointmentRescheduledEmail } from '../shared/mail/messages/appointment-rescheduled';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload, job) => {
  const appointmentId = String(payload.appointmentId ?? '');
  // Without the outbox id there is no key that makes this mail once-only: refuse rather than risk a double.
  if (!job?.id) throw new Error('a reschedule notice needs its job id (the outbox id) as its delivery key');
  const appointment = await loadAppointmentMail(deps.db, appointmentId);
  if (!appointment || appointment.status !== 'booked') {
    deps.log.info('reschedule notice not sent: the appointment is gone or no longer booked', { appointmentId, status: appointment?.status });
    return;
  }
  const email = appointmentRescheduledEmail(deps.config, appointment);
  await deliverOnce(deps, {
    kind: 'appointment_rescheduled',
    subjectId: job.id,
    message: { to: appointment.patientEmail, ...email, attachments: [calendarAttachment(deps.config, appointment, 'REQUEST')] },
  });
};
