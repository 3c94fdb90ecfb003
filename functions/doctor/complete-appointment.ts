/**
 * POST /api/doctor/appointments/:id/complete `{ diagnosis, prescription?, notes?, nextVisit? }`: the doctor
 * records the visit (API.md "Doctor"). Only the doctor's own booked appointment, and not earlier than
 * COMPLETE_EARLY_MINUTES before its start (a doctor completes a visit during or after it). The treatment,
 * the status change and the audit row are one transaction; the unique index on treatments.appointment_id
 * keeps one treatment per appointment, so a second complete racing the first gets 409 `state` too.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import {
  notBooked,
  ownDoctorAppointment,
  stillBooked,
  toDoctorAppointment,
  toDoctorTreatment,
} from '../../shared/booking/doctor-appointments';
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import { dateInZone } from '../../shared/domain/calendar';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, invalidInput } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { CompleteAppointmentInput, DoctorAppointmentDetail, TREATMENT_FIELDS } from '../../shared/schemas/doctor';

/** How long before its start a visit may already be completed. */
export const COMPLETE_EARLY_MINUTES = 30;

const tooEarly = () =>
  conflict('state', `A visit can be completed from ${COMPLETE_EARLY_MINUTES} minutes before its start, during or after it; this one starts later.`);

const app = newFunction().post(
  '/doctor/appointments/:id/complete',
  describe({
    summary: 'Complete a visit',
    operationId: 'completeAppointment',
    description: `Records the treatment and marks the appointment completed. Only a booked appointment of this doctor, from ${COMPLETE_EARLY_MINUTES} minutes before its start on.`,
    responses: { 200: DoctorAppointmentDetail },
    errors: {
      404: 'not_found: no such appointment of this doctor',
      409: 'state: the appointment is not booked (already completed or cancelled), or starts more than 30 minutes from now',
    },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  body(CompleteAppointmentInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const input = c.req.valid('json');
    const now = clock();
    if (input.nextVisit && input.nextVisit < dateInZone(now, config.hospitalTimeZone)) {
      throw invalidInput({ nextVisit: 'must not be in the past' });
    }
    const row = await ownDoctorAppointment(c, c.req.param('id'), 'appointment_complete');
    if (row.status !== 'booked') throw notBooked();
    if (now.getTime() < new Date(row.start_at).getTime() - COMPLETE_EARLY_MINUTES * 60_000) throw tooEarly();

    const at = now.toISOString();
    const treatment = {
      id: newId(),
      appointment_id: row.id,
      doctor_id: row.doctor_id,
      patient_id: row.patient_id,
      diagnosis: input.diagnosis,
      prescription: input.prescription ?? null,
      notes: input.notes ?? null,
      next_visit: input.nextVisit ?? null,
      created_at: at,
      updated_at: at,
    };
    try {
      await db.transaction().execute(async (trx) => {
        await stillBooked(trx, row.id); // the one read, before every write (D1)
        await trx.insertInto('treatments').values(treatment).execute();
        await trx.updateTable('appointments').set({ status: 'completed', updated_at: at }).where('id', '=', row.id).where('status', '=', 'booked').execute();
        // "Your visit's notes are in the portal": ids only, never the treatment (ARCHITECTURE rule 7).
        await writeOutbox(trx, JOBS.visitCompleted, { appointmentId: row.id }, now);
        await writeAudit(trx, {
          at: now,
          actorId: c.var.user.id,
          actorRole: 'doctor',
          patientId: row.patient_id,
          action: 'appointment_complete',
          entity: 'appointment',
          entityId: row.id,
          // Names only: the clinical text never reaches the audit trail.
          detail: { treatmentId: treatment.id, fields: TREATMENT_FIELDS.filter((field) => input[field] != null) },
          ...requestSource(c),
        });
      });
    } catch (err) {
      // Another complete of this appointment won (the unique index on treatments.appointment_id).
      if (isUniqueViolation(err)) throw notBooked();
      throw err;
    }
    // The admin dashboard's numbers moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(
      {
        ...toDoctorAppointment({ ...row, status: 'completed', updated_at: at, treatment_id: treatment.id }),
        treatment: toDoctorTreatment(treatment),
      } satisfies DoctorAppointmentDetail,
      200,
    );
  },
);

export default app;
