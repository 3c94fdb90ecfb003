/** GET /api/departments/:id: one department with its count of bookable doctors (API.md "Public catalogue"). Anyone. */
import { catalogDepartments, toDepartmentDto } from '../../shared/booking/catalog';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { DepartmentDto } from '../../shared/schemas/catalog';

const app = newFunction().get(
  '/departments/:id',
  describe({
    summary: 'Get a department',
    operationId: 'getDepartment',
    responses: { 200: DepartmentDto },
    errors: { 404: 'not_found' },
    needs: ['database'],
  }),
  async (c) => {
    const { db } = c.env.deps;
    const row = await catalogDepartments(db).where('dep.id', '=', c.req.param('id')).executeTakeFirst();
    if (!row) throw notFound('That department');
    return c.json(toDepartmentDto(row) satisfies DepartmentDto, 200);
  },
);

export default app;
