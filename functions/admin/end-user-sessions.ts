/**
 * POST /api/admin/users/:id/sessions/end: every session of that user ends now (API.md "Admin"); they sign in
 * again. The account itself stays as it is. 204.
 */
import { userActionTarget } from '../../shared/admin/user-action';
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
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
    const { db, sessions } = c.env.deps;
    const { target, audit } = await userActionTarget(c, 'sessions_end');
    await sessions.invalidateUser(target.id);
    await writeAudit(db, audit);
    return c.body(null, 204);
  },
);

export default app;
