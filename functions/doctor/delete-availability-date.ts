/**
 * DELETE /api/doctor/availability/:date: a date the doctor set explicitly follows the weekly template
 * again (API.md "Doctor"). Refused with 409 `state` (naming the appointments) when the template would leave
 * a booked appointment of that date outside every window. Answers the 7 days, as GET does.
 */
import * as v from 'valibot';
import { clearDate } from '../../shared/booking/availability-store';
import { lockDoctor } from '../../shared/db/locks';
import { availabilityOf, refuseStranding, scheduleOfDoctor } from '../../shared/booking/doctor-availability';
import { schedulesOfDates } from '../../shared/booking/schedules';
import { writeAudit } from '../../shared/db/audit';
import { bookingWindow } from '../../shared/domain/slots';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { invalidInput } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AvailabilityResponse } from '../../shared/schemas/availability';
import { CalendarDate } from '../../shared/schemas/dates';
import { fieldMessage } from '../../shared/schemas/messages';

const app = newFunction().delete(
  '/doctor/availability/:date',
  describe({
    summary: 'Return a date to my weekly template',
    operationId: 'deleteDoctorAvailabilityDate',
    responses: { 200: AvailabilityResponse },
    errors: {
      400: 'invalid_input: the date is not a real YYYY-MM-DD date inside the booking window',
      404: 'not_found: the account has no doctor profile',
      409: 'state: a booked appointment would fall outside every window (`appointmentIds` names them)',
    },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const doctorId = c.var.user.id;
    const now = clock();
    const zone = config.hospitalTimeZone;
    const parsed = v.safeParse(CalendarDate, c.req.param('date'), { message: fieldMessage });
    if (!parsed.success) throw invalidInput({ date: parsed.issues[0].message });
    const date = parsed.output;
    const window = bookingWindow(now, zone);
    if (date < window.first || date > window.last) throw invalidInput({ date: `must be inside the booking window (${window.first} to ${window.last})` });

    await db.transaction().execute(async (trx) => {
      // A booking of this doctor waits for this change, so the check below cannot go stale (shared/db/locks.ts).
      await lockDoctor(trx, doctorId);
      // Reads first (D1 holds writes back to the commit): the template's windows for that date, and what they would strand.
      const schedule = await scheduleOfDoctor(trx, doctorId, [date]);
      const templateDay = schedulesOfDates({ ...schedule, overrides: [] }, [date]);
      await refuseStranding(trx, doctorId, templateDay, zone);
      await clearDate(trx, doctorId, date);
      await writeAudit(trx, {
        at: now,
        actorId: doctorId,
        actorRole: 'doctor',
        action: 'availability_clear_date',
        entity: 'doctor',
        entityId: doctorId,
        detail: { date },
        ...requestSource(c),
      });
    });
    return c.json((await availabilityOf(db, doctorId, now, zone)) satisfies AvailabilityResponse, 200);
  },
);

export default app;
