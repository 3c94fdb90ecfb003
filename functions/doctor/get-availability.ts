/**
 * GET /api/doctor/availability: the signed-in doctor's 7 days of the booking window, each with its
 * windows and whether it follows the weekly template (`weekly`) or was set explicitly (`date`; no windows
 * is a day off). API.md "Doctor". Doctors only.
 */
import { availabilityOf } from '../../shared/booking/doctor-availability';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AvailabilityResponse } from '../../shared/schemas/availability';

const app = newFunction().get(
  '/doctor/availability',
  describe({
    summary: 'My availability over the booking window',
    operationId: 'getDoctorAvailability',
    responses: { 200: AvailabilityResponse },
    errors: { 404: 'not_found: the account has no doctor profile' },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    return c.json((await availabilityOf(db, c.var.user.id, clock(), config.hospitalTimeZone)) satisfies AvailabilityResponse, 200);
  },
);

export default app;
