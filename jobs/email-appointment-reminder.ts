/**
 * Processor: the reminder before a visit, payload { appointmentId, start } (enqueued by
 * scheduled/daily-reminders). Once per appointment and start (appointment_reminder, `<id>.<start>`): a visit
 * moved to another day gets its own reminder then. Nothing is sent if, since it was enqueued, the
 * appointment was cancelled, completed or moved (its start is no longer `start`).
 */
import { loadAppointmentMail } from '../shared/mail/appointment-mail';
import { deliverOnce } from '../shared/mail/deliver-once';
import { appointmentReminderEmail } from '../shared/mail/messages/appointment-reminder';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload) => {
  const appointmentId = String(payload.appointmentId ?? '');
  const start = String(payload.start ?? '');
  const appointment = await loadAppointmentMail(deps.db, appointmentId);
  // Compared as instants: the same moment may be spelled with or without milliseconds.
  const sameStart = appointment !== undefined && Date.parse(appointment.start) === Date.parse(start);
  if (!appointment || appointment.status !== 'booked' || !sameStart) {
    deps.log.info('reminder not sent: the appointment is no longer booked at that time', { appointmentId, start });
    return;
  }
  const email = appointmentReminderEmail(deps.config, appointment);
  await deliverOnce(deps, {
    kind: 'appointment_reminder',
    subjectId: `${appointment.id}.${appointment.start}`,
    message: { to: appointment.patientEmail, ...email },
  });
};
