/**
 * GET /api/doctors/:id/slots?from=&to=: a bookable doctor's free slots (API.md "Public catalogue",
 * "Booking rules"): inside the booking window (today to today + 6 in the hospital's zone; `from` and `to`
 * are clipped to it), not held by a live appointment, and at least the minimum notice ahead. Anyone.
 */
import { bookableDoctors, freeSlotsOf } from '../../shared/booking/schedules';
import { datesInWindow } from '../../shared/domain/slots';
import { isoOf } from '../../shared/domain/zoned-time';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DoctorSlots, SlotRangeQuery } from '../../shared/schemas/catalog';

const app = newFunction().get(
  '/doctors/:id/slots',
  describe({
    summary: "A doctor's free slots",
    operationId: 'listDoctorSlots',
    responses: { 200: DoctorSlots },
    errors: { 404: 'not_found' },
    needs: ['database'],
  }),
  query(SlotRangeQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const { from, to } = c.req.valid('query');
    const doctorId = c.req.param('id');
    const doctor = await bookableDoctors(db).where('doctors.user_id', '=', doctorId).select('doctors.user_id').executeTakeFirst();
    if (!doctor) throw notFound('That doctor');
    const now = clock();
    const dates = datesInWindow(now, config.hospitalTimeZone, from, to);
    const slots = (await freeSlotsOf(db, [doctorId], { dates, now, config })).get(doctorId) ?? [];
    return c.json({ items: slots.map((s) => ({ start: isoOf(s.start), end: isoOf(s.end) })) } satisfies DoctorSlots, 200);
  },
);

export default app;
