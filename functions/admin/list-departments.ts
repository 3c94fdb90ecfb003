/**
 * GET /api/admin/departments?page=&pageSize=: every department by name, with `doctorCount`, the doctors who
 * take bookings in it (API.md "Admin").
 */
import { catalogDepartments, toDepartmentDto } from '../../shared/booking/catalog';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DepartmentList, DepartmentListQuery } from '../../shared/schemas/catalog';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/admin/departments',
  describe({ summary: 'List departments', operationId: 'adminListDepartments', responses: { 200: DepartmentList } }),
  requireRole('admin'),
  query(DepartmentListQuery),
  async (c) => {
    const { db } = c.env.deps;
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const [rows, count] = await Promise.all([
      catalogDepartments(db).orderBy((eb) => eb.fn('lower', ['dep.name'])).orderBy('dep.id').limit(limit).offset(offset).execute(),
      db.selectFrom('departments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return c.json({ items: rows.map(toDepartmentDto), total: Number(count.n) } satisfies DepartmentList, 200);
  },
);

export default app;
