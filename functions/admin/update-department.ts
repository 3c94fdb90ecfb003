/**
 * PATCH /api/admin/departments/:id: the admin renames a department or changes its description (`null` clears
 * it) (API.md "Admin"). A name another department has, in any letter case, is 409 `name_taken`.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { departmentNamed, nameTaken } from '../../shared/admin/departments';
import { catalogDepartments, toDepartmentDto } from '../../shared/booking/catalog';
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { HttpError, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { UpdateDepartmentInput } from '../../shared/schemas/admin';
import { DepartmentDto } from '../../shared/schemas/catalog';

const app = newFunction().patch(
  '/admin/departments/:id',
  describe({
    summary: 'Change a department',
    operationId: 'adminUpdateDepartment',
    responses: { 200: DepartmentDto },
    errors: { 404: 'not_found: no such department', 409: 'name_taken: another department has this name (in any letter case)' },
  }),
  requireRole('admin'),
  body(UpdateDepartmentInput),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const input = c.req.valid('json');
    const now = clock();
    const source = requestSource(c);
    let department: DepartmentDto | undefined;
    try {
      department = await db.transaction().execute(async (trx) => {
        const [row, clash] = await Promise.all([
          catalogDepartments(trx).where('dep.id', '=', id).executeTakeFirst(),
          input.name === undefined ? Promise.resolve(undefined) : departmentNamed(trx, input.name, id),
        ]);
        if (!row) return undefined;
        if (clash) throw nameTaken();
        const changes = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        };
        await trx.updateTable('departments').set({ ...changes, updated_at: now.toISOString() }).where('id', '=', id).execute();
        await writeAudit(trx, {
          at: now,
          actorId: admin.id,
          actorRole: 'admin',
          action: 'department_update',
          entity: 'department',
          entityId: id,
          detail: { fields: Object.keys(changes) },
          ...source,
        });
        return toDepartmentDto({ ...row, ...changes });
      });
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    if (!department) throw notFound('That department');
    // The admin dashboard's numbers may have moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(department, 200);
  },
);

export default app;
