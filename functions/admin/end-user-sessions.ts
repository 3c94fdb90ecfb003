/**
 * POST /api/admin/users/:id/sessions/end: every session of that user ends now (API.md "Admin"); they sign in
 * again. The account itself stays as it is. 204.
 */
import { loadUser } from '../../shared/admin/users';
import { writeAudit } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';

const app = newFunction().post(
  '/admin/users/:id/sessions/end',
  describe({
    summary: "End a user's sessions",
    operationId: 'endUserSessions',
    responses: { 204: { description: 'Every session of the user has ended' } },
    errors: { 404: 'not_found: no such user' },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock, sessions } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const target = await loadUser(db, id);
    if (target) await sessions.invalidateUser(target.id);
    await writeAudit(db, {
      at: clock(),
      actorId: admin.id,
      actorRole: 'admin',
      patientId: target?.role === 'patient' ? target.id : null,
      action: 'sessions_end',
      entity: 'user',
      entityId: id,
      outcome: target ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!target) throw notFound('That user');
    return c.body(null, 204);
  },
);

export default app;
