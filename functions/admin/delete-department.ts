/**
 * DELETE /api/admin/departments/:id: the admin deletes a department that no doctor belongs to (API.md "Admin").
 * While ANY doctor row points at it, removed and blacklisted doctors included (a removed doctor's history
 * still names the department), it is 409 `state`. 204.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { writeAudit } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';

const hasDoctors = () =>
  conflict('state', 'This department still has doctors (removed ones count: their history names it). Move them to another department first.');

const app = newFunction().delete(
  '/admin/departments/:id',
  describe({
    summary: 'Delete a department',
    operationId: 'adminDeleteDepartment',
    responses: { 204: { description: 'The department is gone' } },
    errors: { 404: 'not_found: no such department', 409: 'state: a doctor (any, removed ones too) belongs to the department' },
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const now = clock();
    const source = requestSource(c);
    const found = await db.transaction().execute(async (trx) => {
        const [row, doctor] = await Promise.all([
          trx.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst(),
          trx.selectFrom('doctors').select('user_id').where('department_id', '=', id).limit(1).executeTakeFirst(),
        ]);
        if (!row) return false;
        if (doctor) throw hasDoctors();
        await trx.deleteFrom('departments').where('id', '=', id).execute();
        await writeAudit(trx, { at: now, actorId: admin.id, actorRole: 'admin', action: 'department_delete', entity: 'department', entityId: id, ...source });
        return true;
      });
    if (!found) throw notFound('That department');
    // The admin dashboard's numbers may have moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.body(null, 204);
  },
);

export default app;
