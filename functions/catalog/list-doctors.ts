/**
 * GET /api/doctors?departmentId=&q=&page=&pageSize=: the doctors who take bookings, by name (API.md
 * "Public catalogue"). `q` finds a part of the name or of the specialization in any letter case;
 * blacklisted and removed doctors never appear. Anyone may ask, signed in or not.
 */
import { catalogDoctors, containsIgnoringCase, DOCTOR_FIELDS, toDoctorDto } from '../../shared/booking/catalog';
import { newFunction } from '../../shared/http/define-function';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DoctorList, DoctorListQuery } from '../../shared/schemas/catalog';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/doctors',
  describe({
    summary: 'Find doctors',
    operationId: 'listDoctors',
    responses: { 200: DoctorList },
    needs: ['database'],
  }),
  query(DoctorListQuery),
  async (c) => {
    const { db } = c.env.deps;
    const filter = c.req.valid('query');
    const { offset, limit } = pageWindow(filter);
    let matching = catalogDoctors(db);
    if (filter.departmentId) matching = matching.where('doctors.department_id', '=', filter.departmentId);
    if (filter.q) {
      const q = filter.q;
      matching = matching.where((eb) => eb.or([containsIgnoringCase('users.name', q), containsIgnoringCase('doctors.specialization', q)]));
    }
    const [rows, count] = await Promise.all([
      matching
        .select(DOCTOR_FIELDS)
        .orderBy((eb) => eb.fn('lower', ['users.name']))
        .orderBy('users.name')
        .orderBy('doctors.user_id')
        .limit(limit)
        .offset(offset)
        .execute(),
      matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return c.json({ items: rows.map(toDoctorDto), total: Number(count.n) } satisfies DoctorList, 200);
  },
);

export default app;
