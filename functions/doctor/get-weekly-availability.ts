/**
 * GET /api/doctor/availability/weekly: the signed-in doctor's weekly template and slot length (API.md
 * "Doctor"): all 7 weekdays, Monday 1, a day off with no windows. Doctors only.
 */
import { scheduleOfDoctor, weeklyOf, windowDates } from '../../shared/booking/doctor-availability';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { WeeklyAvailabilityResponse } from '../../shared/schemas/availability';

const app = newFunction().get(
  '/doctor/availability/weekly',
  describe({
    summary: 'My weekly template',
    operationId: 'getDoctorWeeklyAvailability',
    responses: { 200: WeeklyAvailabilityResponse },
    errors: { 404: 'not_found: the account has no doctor profile' },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const schedule = await scheduleOfDoctor(db, c.var.user.id, windowDates(clock(), config.hospitalTimeZone));
    return c.json(weeklyOf(schedule) satisfies WeeklyAvailabilityResponse, 200);
  },
);

export default app;
