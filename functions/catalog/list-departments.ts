/**
 * GET /api/departments: the hospital's departments, by name, each with how many doctors take bookings
 * there (API.md "Public catalogue"). Anyone may ask, signed in or not. Paginated.
 */
import { catalogDepartments, toDepartmentDto } from '../../shared/booking/catalog';
import { newFunction } from '../../shared/http/define-function';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DepartmentList, DepartmentListQuery } from '../../shared/schemas/catalog';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/departments',
  describe({
    summary: 'List departments',
    operationId: 'listDepartments',
    responses: { 200: DepartmentList },
    needs: ['database'],
  }),
  query(DepartmentListQuery),
  async (c) => {
    const { db } = c.env.deps;
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const [rows, count] = await Promise.all([
      catalogDepartments(db).orderBy((eb) => eb.fn('lower', ['dep.name'])).orderBy('dep.name').orderBy('dep.id').limit(limit).offset(offset).execute(),
      db.selectFrom('departments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return c.json({ items: rows.map(toDepartmentDto), total: Number(count.n) } satisfies DepartmentList, 200);
  },
);

export default app;
