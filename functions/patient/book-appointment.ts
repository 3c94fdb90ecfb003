/**
 * POST /api/patient/appointments: a patient books a free slot of a doctor (API.md "Patient", "Booking rules").
 * The checks before the insert give clear answers; the partial unique indexes on (doctor, start) and
 * (patient, start) of live appointments decide a race, and their violation is 409 `slot_taken` (ADR 019).
 * The open-appointment cap is checked inside the write transaction. With an `Idempotency-Key` the first
 * answer is replayed to a repeat (shared/http/idempotency.ts, ADR 018).
 */
import { sql } from 'kysely';
import { bookableDoctors, judgeSlot } from '../../shared/booking/schedules';
import { limitReached, notBookable, ownSlotTaken, requireActivePatient, slotTaken } from '../../shared/booking/patient-changes';
import { writeAudit } from '../../shared/db/audit';
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { lockDoctor, lockPatient } from '../../shared/db/locks';
import { isUniqueViolation } from '../../shared/db/errors';
import { datesInWindow } from '../../shared/domain/slots';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { HttpError } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { idempotentCreate, type Answer } from '../../shared/http/idempotency';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { BookAppointmentInput, PatientAppointmentDto } from '../../shared/schemas/booking';

const app = newFunction().post(
  '/patient/appointments',
  describe({
    summary: 'Book an appointment',
    operationId: 'bookAppointment',
    description:
      '`start` must be exactly the start of a free slot of the doctor, inside the booking window (today and the next 6 days ' +
      'in the hospital\'s zone) and at least `BOOKING_MIN_NOTICE_MINUTES` ahead. Send an `Idempotency-Key` header (1 to 100 ' +
      'printable ASCII characters) to make a retry safe: the same key and body within 24 hours answers the first answer again ' +
      '(with `Idempotent-Replayed: true`) and books nothing more.',
    requestHeaders: { 'Idempotency-Key': '1 to 100 printable ASCII characters; a repeat within 24 hours answers the first answer again (ADR 018)' },
    responses: { 201: { schema: PatientAppointmentDto, headers: { 'Idempotent-Replayed': '`true` when this is the stored answer of an earlier request with the same Idempotency-Key' } } },
    errors: {
      400: 'invalid_input: a field, or the Idempotency-Key header, is not valid',
      403: 'account_disabled',
      409: [
        'slot_taken: someone holds the slot, or the patient already has an appointment at that time',
        'not_bookable: not a free slot of a bookable doctor in the booking window, or too soon',
        'limit_reached: the patient already holds MAX_OPEN_APPOINTMENTS booked appointments',
        'idempotency_key_reused: the Idempotency-Key was used for a different request',
      ],
    },
    needs: ['database', 'redis'],
  }),
  requireRole('patient'),
  body(BookAppointmentInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const input = c.req.valid('json');
    const start = new Date(input.start);
    const reason = input.reason ?? null;

    return idempotentCreate(c, { userId: user.id, body: { doctorId: input.doctorId, start: start.toISOString(), reason } }, async (claim) => {
      const now = clock();
      const zone = config.hospitalTimeZone;
      await requireActivePatient(db, user.id);
      const doctor = await bookableDoctors(db)
        .innerJoin('departments', 'departments.id', 'doctors.department_id')
        .select(['users.name as doctor_name', 'departments.name as department_name'])
        .where('doctors.user_id', '=', input.doctorId)
        .executeTakeFirst();
      if (!doctor) throw notBookable();
      const at = now.toISOString();
      let answer: Answer | undefined;
      try {
        await db.transaction().execute(async (trx) => {
          // Every check reads inside the write transaction, before its first write (D1 holds writes back to the
          // commit), so none goes stale before the insert: SQLite runs one writer at a time (BEGIN IMMEDIATE);
          // PostgreSQL queues here on the patient's and the doctor's rows behind another booking of theirs or an
          // availability change (shared/db/locks.ts); D1 cannot, and there the unique indexes decide (ADR 019).
          await lockPatient(trx, user.id);
          await lockDoctor(trx, input.doctorId);
          const verdict = await judgeSlot(trx, {
            doctorId: input.doctorId,
            start,
            windowDates: datesInWindow(now, zone),
            now,
            minNoticeMinutes: config.booking.minNoticeMinutes,
            timeZone: zone,
          });
          if (!verdict.ok) throw verdict.code === 'slot_taken' ? slotTaken() : notBookable();
          const slot = { start: verdict.slot.start.toISOString(), end: verdict.slot.end.toISOString() };
          const [mine, open] = await Promise.all([
            trx
              .selectFrom('appointments')
              .select('id')
              .where('patient_id', '=', user.id)
              .where('start_at', '=', slot.start)
              .where(sql.ref('status'), '<>', 'cancelled')
              .executeTakeFirst(),
            trx
              .selectFrom('appointments')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('patient_id', '=', user.id)
              .where('status', '=', 'booked')
              .where('start_at', '>', at)
              .executeTakeFirstOrThrow(),
          ]);
          if (mine) throw ownSlotTaken();
          if (Number(open.n) >= config.booking.maxOpenAppointments) throw limitReached(config.booking.maxOpenAppointments);

          // The answer is known before anything is written: no read follows a write (D1).
          const appointment: PatientAppointmentDto = {
            id: newId(),
            doctorId: input.doctorId,
            doctorName: doctor.doctor_name,
            departmentName: doctor.department_name,
            start: slot.start,
            end: slot.end,
            status: 'booked',
            reason,
            cancelReason: null,
            createdAt: at,
            updatedAt: at,
          };
          answer = { status: 201, body: appointment };
          await claim.remember(trx, answer);
          await trx
            .insertInto('appointments')
            .values({
              id: appointment.id,
              doctor_id: input.doctorId,
              patient_id: user.id,
              start_at: slot.start,
              end_at: slot.end,
              status: 'booked',
              reason,
              cancel_reason: null,
              cancelled_by: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
          // The confirmation email (with the .ics) rides on the same transaction: no booking without its
          // mail, no mail for a booking that rolled back. A replay by Idempotency-Key never gets here.
          await writeOutbox(trx, JOBS.appointmentBooked, { appointmentId: appointment.id }, now);
          await writeAudit(trx, {
            at: now,
            actorId: user.id,
            actorRole: 'patient',
            patientId: user.id,
            action: 'appointment_book',
            entity: 'appointment',
            entityId: appointment.id,
            detail: { doctorId: input.doctorId, start: slot.start },
            ...requestSource(c),
          });
        });
      } catch (err) {
        if (err instanceof HttpError) throw err;
        if (isUniqueViolation(err)) throw slotTaken();
        throw err;
      }
      await bumpDashboard(c.env.deps.cache);
      return answer!;
    });
  },
);

export default app;
