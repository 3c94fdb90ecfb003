/**
 * GET /api/admin/doctors?q=&departmentId=&status=&page=&pageSize=: every doctor, blacklisted and removed ones
 * too, each with `status` (API.md "Admin"). `q` finds a part of the name, email or specialization in any
 * letter case.
 */
import { containsIgnoringCase } from '../../shared/booking/catalog';
import { ADMIN_DOCTOR_FIELDS, adminDoctors, toAdminDoctorDto } from '../../shared/admin/doctors';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { AdminDoctorList, AdminDoctorListQuery } from '../../shared/schemas/admin';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/admin/doctors',
  describe({ summary: 'List all doctors', operationId: 'adminListDoctors', responses: { 200: AdminDoctorList } }),
  requireRole('admin'),
  query(AdminDoctorListQuery),
  async (c) => {
    const { db } = c.env.deps;
    const filter = c.req.valid('query');
    const { offset, limit } = pageWindow(filter);
    let matching = adminDoctors(db);
    if (filter.departmentId) matching = matching.where('doctors.department_id', '=', filter.departmentId);
    if (filter.status === 'removed') matching = matching.where('doctors.deleted_at', 'is not', null);
    else if (filter.status) matching = matching.where('doctors.deleted_at', 'is', null).where('users.status', '=', filter.status);
    if (filter.q) {
      const q = filter.q;
      matching = matching.where((eb) =>
        eb.or([containsIgnoringCase('users.name', q), containsIgnoringCase('users.email', q), containsIgnoringCase('doctors.specialization', q)]),
      );
    }
    const [rows, count] = await Promise.all([
      matching
        .select(ADMIN_DOCTOR_FIELDS)
        .orderBy((eb) => eb.fn('lower', ['users.name']))
        .orderBy('users.name')
        .orderBy('doctors.user_id')
        .limit(limit)
        .offset(offset)
        .execute(),
      matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return c.json({ items: rows.map(toAdminDoctorDto), total: Number(count.n) } satisfies AdminDoctorList, 200);
  },
);

export default app;
