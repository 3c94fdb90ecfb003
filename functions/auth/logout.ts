/** POST /api/auth/logout: ends the session server-side and clears the cookie; 204. */
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';

const app = newFunction().post('/auth/logout', describe({ summary: 'Sign out', operationId: 'signOut', responses: { 204: { description: 'Signed out; the session is gone on the server', headers: { 'Set-Cookie': 'the session cookie, cleared' } } } }), requireSession(), async (c) => {
  const { db, sessions, clock } = c.env.deps;
  await sessions.invalidate(c.var.sessionToken);
  const user = c.var.user;
  await writeAudit(db, { at: clock(), actorId: user.id, action: 'logout', entity: 'user', entityId: user.id, ...requestSource(c) });
  c.header('Set-Cookie', sessions.blankCookie());
  return c.body(null, 204);
});

export default app;
