/**
 * POST /api/patient/appointments/:id/reschedule: the patient moves their booked appointment to another free
 * slot of the same doctor; the id stays (API.md "Patient"). Start and end change in one UPDATE, so when the
 * unique index refuses the new start (someone took it meanwhile) the appointment stays wholly where it was:
 * 409 `slot_taken`. The slot it leaves is free at once.
 */
import { sql } from 'kysely';
import {
  notBookable,
  notChangeable,
  ownAppointment,
  ownSlotTaken,
  requireActivePatient,
  slotTaken,
  stillBookedAt,
  tooLate,
  withinCutoff,
} from '../../shared/booking/patient-changes';
import { bookableDoctors, judgeSlot } from '../../shared/booking/schedules';
import { lockDoctor } from '../../shared/db/locks';
import { toPatientAppointment } from '../../shared/booking/appointments';
import { writeAudit } from '../../shared/db/audit';
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { isUniqueViolation } from '../../shared/db/errors';
import { datesInWindow } from '../../shared/domain/slots';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { HttpError } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { PatientAppointmentDto, RescheduleAppointmentInput } from '../../shared/schemas/booking';

const app = newFunction().post(
  '/patient/appointments/:id/reschedule',
  describe({
    summary: 'Move an appointment to another slot',
    operationId: 'rescheduleAppointment',
    description:
      'The same appointment (same id, same doctor) moves to `start`, which must be a free slot as for booking. ' +
      'Not within `PATIENT_CHANGE_CUTOFF_HOURS` of the current start.',
    responses: { 200: PatientAppointmentDto },
    errors: {
      403: 'account_disabled',
      404: 'not_found: no such appointment of this patient',
      409: [
        'slot_taken: someone holds the new slot, or the patient already has another appointment at that time',
        'not_bookable: the new start is not a free slot of the doctor in the booking window, or too soon',
        'state: the appointment is not booked, or has already started',
        'too_late: within PATIENT_CHANGE_CUTOFF_HOURS of the current start',
      ],
    },
    needs: ['database', 'redis'],
  }),
  requireRole('patient'),
  body(RescheduleAppointmentInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const id = c.req.param('id');
    const now = clock();
    const zone = config.hospitalTimeZone;
    await requireActivePatient(db, user.id);
    const row = await ownAppointment(c, id, 'appointment_reschedule');
    if (row.status !== 'booked' || new Date(row.start_at).getTime() <= now.getTime()) throw notChangeable();
    if (withinCutoff(row.start_at, now, config.booking)) throw tooLate(config.booking.changeCutoffHours);

    const doctor = await bookableDoctors(db).select('doctors.user_id').where('doctors.user_id', '=', row.doctor_id).executeTakeFirst();
    if (!doctor) throw notBookable();
    const at = now.toISOString();
    let slot = { start: '', end: '' };
    try {
      await db.transaction().execute(async (trx) => {
        // Every check reads inside the write transaction, before its first write (D1), so none goes stale
        // before the update: PostgreSQL queues on the doctor's row behind a booking or an availability change
        // of theirs (shared/db/locks.ts); SQLite runs one writer at a time.
        await lockDoctor(trx, row.doctor_id);
        await stillBookedAt(trx, row.id, row.start_at);
        const verdict = await judgeSlot(trx, {
          doctorId: row.doctor_id,
          start: new Date(c.req.valid('json').start),
          windowDates: datesInWindow(now, zone),
          now,
          minNoticeMinutes: config.booking.minNoticeMinutes,
          timeZone: zone,
          ignoreAppointmentId: row.id,
        });
        if (!verdict.ok) throw verdict.code === 'slot_taken' ? slotTaken() : notBookable();
        slot = { start: verdict.slot.start.toISOString(), end: verdict.slot.end.toISOString() };
        const mine = await trx
          .selectFrom('appointments')
          .select('id')
          .where('patient_id', '=', user.id)
          .where('start_at', '=', slot.start)
          .where('id', '<>', row.id)
          .where(sql.ref('status'), '<>', 'cancelled')
          .executeTakeFirst();
        if (mine) throw ownSlotTaken();
        await trx
          .updateTable('appointments')
          .set({ start_at: slot.start, end_at: slot.end, updated_at: at })
          .where('id', '=', row.id)
          .where('status', '=', 'booked')
          .execute();
        // The notice with the moved calendar event, in the same transaction as the move (after every read: D1).
        // A "move" to the start it already has moves nothing: no notice.
        if (slot.start !== row.start_at) await writeOutbox(trx, JOBS.appointmentRescheduled, { appointmentId: row.id }, now);
        await writeAudit(trx, {
          at: now,
          actorId: user.id,
          actorRole: 'patient',
          patientId: user.id,
          action: 'appointment_reschedule',
          entity: 'appointment',
          entityId: row.id,
          detail: { doctorId: row.doctor_id, start: slot.start, previousStart: row.start_at },
          ...requestSource(c),
        });
      });
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (isUniqueViolation(err)) throw slotTaken();
      throw err;
    }
    await bumpDashboard(c.env.deps.cache);
    return c.json(toPatientAppointment({ ...row, start_at: slot.start, end_at: slot.end, updated_at: at }), 200);
  },
);

export default app;
