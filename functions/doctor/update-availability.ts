/**
 * PUT /api/doctor/availability: the signed-in doctor sets dates of the booking window explicitly (API.md
 * "Doctor"); `windows: []` is a day off. A change that would leave a booked appointment outside every
 * window is refused with 409 `state` naming those appointments (`error.appointmentIds`), and nothing is
 * written. The check reads before anything is written, in the change's transaction with its audit row.
 */
import { lockDoctor } from '../../shared/db/locks';
import { availabilityOf, refuseStranding, scheduleOfDoctor, windowDates } from '../../shared/booking/doctor-availability';
import { replaceDates } from '../../shared/booking/availability-store';
import { writeAudit } from '../../shared/db/audit';
import { bookingWindow } from '../../shared/domain/slots';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { invalidInput } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { availabilityProblems, AvailabilityResponse, UpdateAvailabilityInput } from '../../shared/schemas/availability';

const app = newFunction().put(
  '/doctor/availability',
  describe({
    summary: 'Set dates of my availability',
    operationId: 'updateDoctorAvailability',
    responses: { 200: AvailabilityResponse },
    errors: { 404: 'not_found: the account has no doctor profile', 409: 'state: a booked appointment would fall outside every window (`appointmentIds` names them)' },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  body(UpdateAvailabilityInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const input = c.req.valid('json');
    const doctorId = c.var.user.id;
    const now = clock();
    const zone = config.hospitalTimeZone;
    const problems = availabilityProblems(input, bookingWindow(now, zone));
    if (Object.keys(problems).length > 0) throw invalidInput(problems);

    await db.transaction().execute(async (trx) => {
      // A booking of this doctor waits for this change, so the check below cannot go stale (shared/db/locks.ts).
      await lockDoctor(trx, doctorId);
      // Reads first (D1 holds writes back to the commit): the profile, then what the change would strand.
      await scheduleOfDoctor(trx, doctorId, windowDates(now, zone));
      await refuseStranding(trx, doctorId, input.days, zone);
      await replaceDates(trx, doctorId, input.days, now.toISOString());
      await writeAudit(trx, {
        at: now,
        actorId: doctorId,
        actorRole: 'doctor',
        action: 'availability_update',
        entity: 'doctor',
        entityId: doctorId,
        detail: { dates: input.days.map((d) => d.date) },
        ...requestSource(c),
      });
    });
    return c.json((await availabilityOf(db, doctorId, now, zone)) satisfies AvailabilityResponse, 200);
  },
);

export default app;
