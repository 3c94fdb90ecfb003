/**
 * DELETE /api/admin/users/:id/blacklist: the admin lifts a blacklisting (API.md "Admin"). The account can sign
 * in again (a doctor is back in the catalogue); appointments cancelled by the blacklisting stay cancelled.
 * Restoring an active user changes nothing.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { loadUser, toAdminUserDto } from '../../shared/admin/users';
import { writeAudit } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminUserDto } from '../../shared/schemas/admin';

const app = newFunction().delete(
  '/admin/users/:id/blacklist',
  describe({
    summary: 'Lift a blacklisting',
    operationId: 'restoreUser',
    description: 'The user can sign in again. Appointments cancelled by the blacklisting stay cancelled.',
    responses: { 200: AdminUserDto },
    errors: { 404: 'not_found: no such user' },
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const now = clock();
    const source = requestSource(c);
    const user = await db.transaction().execute(async (trx) => {
      const target = await loadUser(trx, id);
      if (!target) return undefined;
      if (target.status !== 'active') {
        await trx.updateTable('users').set({ status: 'active', updated_at: now.toISOString() }).where('id', '=', target.id).execute();
      }
      await writeAudit(trx, {
        at: now,
        actorId: admin.id,
        actorRole: 'admin',
        patientId: target.role === 'patient' ? target.id : null,
        action: 'user_restore',
        entity: 'user',
        entityId: target.id,
        detail: { role: target.role },
        ...source,
      });
      return { ...target, status: 'active' as const };
    });
    if (!user) {
      await writeAudit(db, { at: now, actorId: admin.id, actorRole: 'admin', action: 'user_restore', entity: 'user', entityId: id, outcome: 'not_found', ...source });
      throw notFound('That user');
    }
    // The admin dashboard's numbers may have moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(toAdminUserDto(user) satisfies AdminUserDto, 200);
  },
);

export default app;
