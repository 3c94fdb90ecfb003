/**
 * GET /api/patient/appointments/:id/calendar.ics: one of the patient's own appointments as an iCalendar file
 * to add to a calendar app (shared/booking/appointment-calendar.ts: one event, UID `<id>@wardline`, times in
 * the hospital's zone with its VTIMEZONE, STATUS:CANCELLED once cancelled). Another patient's appointment
 * answers exactly as a missing one: 404. The read is audited either way.
 */
import { appointmentCalendar, CALENDAR_CONTENT_TYPE, calendarFileName } from '../../shared/booking/appointment-calendar';
import { toPatientAppointment } from '../../shared/booking/appointments';
import { auditRead } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { findOwnAppointment, requestedId } from '../../shared/patients/own-appointment';

const app = newFunction().get(
  '/patient/appointments/:id/calendar.ics',
  describe({
    summary: 'One of my appointments as a calendar file',
    operationId: 'getPatientAppointmentCalendar',
    responses: {
      200: {
        contentType: 'text/calendar',
        description: 'An iCalendar (RFC 5545) file with one VEVENT',
        headers: { 'Content-Disposition': 'attachment; filename="appointment-YYYY-MM-DD.ics"' },
      },
    },
    errors: { 404: 'not_found: no such appointment of yours' },
  }),
  requireRole('patient'),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const id = c.req.param('id');
    const row = await findOwnAppointment(db, user.id, id);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'appointment_calendar',
      entity: 'appointment',
      entityId: row ? row.id : requestedId(id),
      outcome: row ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!row) throw notFound('The appointment');
    const appointment = toPatientAppointment(row);
    const ics = appointmentCalendar(appointment, { hospitalName: config.hospitalName, timeZone: config.hospitalTimeZone });
    return c.body(ics, 200, {
      'Content-Type': CALENDAR_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${calendarFileName(appointment, config.hospitalTimeZone)}"`,
    });
  },
);

export default app;
