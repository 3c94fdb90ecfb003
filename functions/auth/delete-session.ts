/**
 * DELETE /api/auth/sessions/:id: the signed-in user ends one of their own sessions (a lost phone, a
 * shared computer). 204. An id that is not one of theirs (another user's, an ended one, a made-up one) is
 * the same 404. Ending the current session works too and signs this browser out.
 */
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { notFound } from '../../shared/http/errors';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';

const app = newFunction().delete(
  '/auth/sessions/:id',
  describe({
    summary: 'End one of my sessions',
    operationId: 'endSession',
    responses: { 204: { description: 'The session has ended' } },
    errors: { 404: 'not_found: no such session of yours' },
    needs: ['redis'],
  }),
  requireSession(),
  async (c) => {
    const { sessions, db, clock } = c.env.deps;
    const me = c.var.user;
    const id = c.req.param('id');
    const current = id === sessions.publicId(c.var.sessionToken);
    const ended = id.length <= 64 && (await sessions.endById(me.id, id));
    await writeAudit(db, {
      at: clock(),
      actorId: me.id,
      actorRole: me.role,
      action: 'session_end',
      entity: 'session',
      entityId: id.slice(0, 64),
      outcome: ended ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!ended) throw notFound('That session');
    if (current) c.header('Set-Cookie', sessions.blankCookie());
    return c.body(null, 204);
  },
);

export default app;
