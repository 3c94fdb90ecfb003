/**
 * GET /api/patient/appointments/:id: one of the patient's own appointments, with its treatment once it is
 * completed (`treatment: null` before). Another patient's appointment answers exactly as a missing one: 404.
 * The read is audited either way (outcome `not_found` for the 404).
 */
import { toPatientAppointment, toTreatment } from '../../shared/booking/appointments';
import { auditRead } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { findOwnAppointment, requestedId } from '../../shared/patients/own-appointment';
import { PatientAppointmentDetail } from '../../shared/schemas/booking';

const app = newFunction().get(
  '/patient/appointments/:id',
  describe({
    summary: 'One of my appointments',
    operationId: 'getPatientAppointment',
    responses: { 200: PatientAppointmentDetail },
    errors: { 404: 'not_found: no such appointment of yours' },
  }),
  requireRole('patient'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const id = c.req.param('id');
    const row = await findOwnAppointment(db, user.id, id);
    const treatment =
      row?.status === 'completed' ? await db.selectFrom('treatments').selectAll().where('appointment_id', '=', row.id).executeTakeFirst() : undefined;
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'appointment_read',
      entity: 'appointment',
      entityId: row ? row.id : requestedId(id),
      outcome: row ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!row) throw notFound('The appointment');
    const detail: PatientAppointmentDetail = { ...toPatientAppointment(row), treatment: treatment ? toTreatment(treatment) : null };
    return c.json(detail, 200);
  },
);

export default app;
