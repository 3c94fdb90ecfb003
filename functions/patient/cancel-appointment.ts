/**
 * POST /api/patient/appointments/:id/cancel: the patient cancels their booked appointment (API.md "Patient").
 * Cancelled is final; the slot is free again at once (the unique indexes count only live appointments).
 * Not within PATIENT_CHANGE_CUTOFF_HOURS of the start (409 `too_late`).
 */
import { toPatientAppointment } from '../../shared/booking/appointments';
import { notChangeable, ownAppointment, requireActivePatient, stillBookedAt, tooLate, withinCutoff } from '../../shared/booking/patient-changes';
import { writeAudit } from '../../shared/db/audit';
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { cancelBooked } from '../../shared/booking/cancellation';
import { CancelAppointmentInput, PatientAppointmentDto } from '../../shared/schemas/booking';

const app = newFunction().post(
  '/patient/appointments/:id/cancel',
  describe({
    summary: 'Cancel an appointment',
    operationId: 'cancelAppointment',
    description: 'Only a booked appointment, and not within `PATIENT_CHANGE_CUTOFF_HOURS` of its start. The slot can be booked again at once.',
    responses: { 200: PatientAppointmentDto },
    errors: {
      403: 'account_disabled',
      404: 'not_found: no such appointment of this patient',
      409: ['state: the appointment is not booked (already cancelled or completed)', 'too_late: within PATIENT_CHANGE_CUTOFF_HOURS of the start'],
    },
    needs: ['database', 'redis'],
  }),
  requireRole('patient'),
  body(CancelAppointmentInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const reason = c.req.valid('json').reason ?? null;
    const now = clock();
    await requireActivePatient(db, user.id);
    const row = await ownAppointment(c, c.req.param('id'), 'appointment_cancel');
    if (row.status !== 'booked') throw notChangeable();
    if (withinCutoff(row.start_at, now, config.booking)) throw tooLate(config.booking.changeCutoffHours);

    await db.transaction().execute(async (trx) => {
      await stillBookedAt(trx, row.id, row.start_at);
      // The status and the outbox row that mails the cancelling calendar file, one way for every path.
      await cancelBooked(trx, [row.id], { reason, by: user.id, now });
      await writeAudit(trx, {
        at: now,
        actorId: user.id,
        actorRole: 'patient',
        patientId: user.id,
        action: 'appointment_cancel',
        entity: 'appointment',
        entityId: row.id,
        detail: { doctorId: row.doctor_id, start: row.start_at },
        ...requestSource(c),
      });
    });
    await bumpDashboard(c.env.deps.cache);
    return c.json(toPatientAppointment({ ...row, status: 'cancelled', cancel_reason: reason, cancelled_by: user.id, updated_at: now.toISOString() }), 200);
  },
);

export default app;
