/**
 * GET /api/departments/:id/slots?from=&to=: the free slots of every bookable doctor of a department
 * (API.md "Public catalogue"), by start and then doctor. The same rules as one doctor's slots; a few
 * queries whatever the number of doctors (shared/booking/schedules.ts). Anyone.
 */
import { bookableDoctors, freeSlotsOf } from '../../shared/booking/schedules';
import { datesInWindow } from '../../shared/domain/slots';
import { isoOf } from '../../shared/domain/zoned-time';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DepartmentSlots, SlotRangeQuery, type DepartmentSlots as DepartmentSlotsBody } from '../../shared/schemas/catalog';

const app = newFunction().get(
  '/departments/:id/slots',
  describe({
    summary: "A department's free slots",
    operationId: 'listDepartmentSlots',
    responses: { 200: DepartmentSlots },
    errors: { 404: 'not_found' },
    needs: ['database'],
  }),
  query(SlotRangeQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const { from, to } = c.req.valid('query');
    const departmentId = c.req.param('id');
    const [department, doctors] = await Promise.all([
      db.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst(),
      bookableDoctors(db).where('doctors.department_id', '=', departmentId).select('doctors.user_id').execute(),
    ]);
    if (!department) throw notFound('That department');
    const now = clock();
    const dates = datesInWindow(now, config.hospitalTimeZone, from, to);
    const free = await freeSlotsOf(
      db,
      doctors.map((d) => d.user_id),
      { dates, now, config },
    );
    const items: DepartmentSlotsBody['items'] = [];
    for (const [doctorId, slots] of free) {
      for (const s of slots) items.push({ doctorId, start: isoOf(s.start), end: isoOf(s.end) });
    }
    items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.doctorId < b.doctorId ? -1 : a.doctorId > b.doctorId ? 1 : 0));
    return c.json({ items } satisfies DepartmentSlotsBody, 200);
  },
);

export default app;
