/**
 * POST /api/doctor/appointments/:id/cancel `{ reason? }`: the doctor cancels one of their booked
 * appointments (API.md "Doctor"). Doctors are not held to the patient's cut-off. In the same transaction as
 * the change and its audit row, an outbox row (`email.appointment_cancelled`, the appointment's id only)
 * so the relay tells the patient; if the change rolls back, so does the message.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { notBooked, ownDoctorAppointment, stillBooked, toDoctorAppointment } from '../../shared/booking/doctor-appointments';
import { writeAudit } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { cancelBooked } from '../../shared/booking/cancellation';
import { DoctorAppointmentDto, DoctorCancelInput } from '../../shared/schemas/doctor';

const app = newFunction().post(
  '/doctor/appointments/:id/cancel',
  describe({
    summary: "Cancel a patient's appointment",
    operationId: 'cancelDoctorAppointment',
    description: 'Only a booked appointment of this doctor; no cut-off applies. The patient is emailed (through the outbox).',
    responses: { 200: DoctorAppointmentDto },
    errors: {
      404: 'not_found: no such appointment of this doctor',
      409: 'state: the appointment is not booked (already cancelled or completed)',
    },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  body(DoctorCancelInput),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const reason = c.req.valid('json').reason ?? null;
    const now = clock();
    const row = await ownDoctorAppointment(c, c.req.param('id'), 'appointment_cancel');
    if (row.status !== 'booked') throw notBooked();

    await db.transaction().execute(async (trx) => {
      await stillBooked(trx, row.id); // the one read, before every write (D1)
      // The status and the outbox row that mails the cancelling calendar file, one way for every path.
      await cancelBooked(trx, [row.id], { reason, by: user.id, now });
      await writeAudit(trx, {
        at: now,
        actorId: user.id,
        actorRole: 'doctor',
        patientId: row.patient_id,
        action: 'appointment_cancel',
        entity: 'appointment',
        entityId: row.id,
        detail: { start: row.start_at },
        ...requestSource(c),
      });
    });
    // The admin dashboard's numbers moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(toDoctorAppointment({ ...row, status: 'cancelled', cancel_reason: reason, cancelled_by: user.id, updated_at: now.toISOString() }), 200);
  },
);

export default app;
