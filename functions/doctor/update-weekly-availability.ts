/**
 * PUT /api/doctor/availability/weekly: the signed-in doctor replaces their weekly template and slot
 * length (API.md "Doctor"). Refused with 409 `state` (naming the appointments) when the new template
 * would leave a booked appointment of the booking window outside every window on a date that follows the
 * template; dates set explicitly keep their own windows and are not affected. A new slot length alone
 * strands nothing: an appointment keeps the time it was booked with.
 */
import { replaceWeekly } from '../../shared/booking/availability-store';
import { lockDoctor } from '../../shared/db/locks';
import { refuseStranding, scheduleOfDoctor, weeklyOf, windowDates } from '../../shared/booking/doctor-availability';
import { writeAudit } from '../../shared/db/audit';
import { daySchedules } from '../../shared/domain/slots';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { invalidInput } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { WeeklyAvailability, WeeklyAvailabilityResponse, weeklyProblems } from '../../shared/schemas/availability';

const app = newFunction().put(
  '/doctor/availability/weekly',
  describe({
    summary: 'Replace my weekly template',
    operationId: 'updateDoctorWeeklyAvailability',
    responses: { 200: WeeklyAvailabilityResponse },
    errors: { 404: 'not_found: the account has no doctor profile', 409: 'state: a booked appointment would fall outside every window (`appointmentIds` names them)' },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  body(WeeklyAvailability),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const input = c.req.valid('json');
    const doctorId = c.var.user.id;
    const now = clock();
    const zone = config.hospitalTimeZone;
    const problems = weeklyProblems(input);
    if (Object.keys(problems).length > 0) throw invalidInput(problems);
    const weekly = input.weekly.filter((day) => day.windows.length > 0);

    await db.transaction().execute(async (trx) => {
      // A booking of this doctor waits for this change, so the check below cannot go stale (shared/db/locks.ts).
      await lockDoctor(trx, doctorId);
      // Reads first (D1 holds writes back to the commit): the dates set explicitly, then what the template would strand.
      const dates = windowDates(now, zone);
      const schedule = await scheduleOfDoctor(trx, doctorId, dates);
      const following = daySchedules(dates, weekly, schedule.overrides).filter((day) => day.source === 'weekly');
      await refuseStranding(trx, doctorId, following, zone);
      await replaceWeekly(trx, doctorId, weekly, now.toISOString(), input.slotMinutes);
      await writeAudit(trx, {
        at: now,
        actorId: doctorId,
        actorRole: 'doctor',
        action: 'availability_weekly_update',
        entity: 'doctor',
        entityId: doctorId,
        detail: { slotMinutes: input.slotMinutes },
        ...requestSource(c),
      });
    });
    return c.json(weeklyOf({ weekly, slotMinutes: input.slotMinutes }) satisfies WeeklyAvailabilityResponse, 200);
  },
);

export default app;
