/**
 * GET /api/auth/sessions: the signed-in user's live sessions, most recently seen first, this one marked
 * `current` (API.md "Auth"). Each has an id of its own (not the token, nor anything that leads back to it),
 * the device named from its user agent ("Firefox on Windows"), the address it signed in from, and times.
 */
import { deviceName } from '../../shared/auth/device-name';
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { SessionList } from '../../shared/schemas/auth';

const app = newFunction().get(
  '/auth/sessions',
  describe({ summary: 'My sessions', operationId: 'listSessions', responses: { 200: SessionList }, needs: ['redis'] }),
  requireSession(),
  async (c) => {
    const { sessions, db, clock } = c.env.deps;
    const me = c.var.user;
    const current = sessions.publicId(c.var.sessionToken);
    const items = (await sessions.list(me.id)).map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
      device: deviceName(s.userAgent),
      ip: s.ip,
      current: s.id === current,
    }));
    await writeAudit(db, { at: clock(), actorId: me.id, actorRole: me.role, action: 'sessions_list', entity: 'user', entityId: me.id, ...requestSource(c) });
    return c.json({ items }, 200);
  },
);

export default app;
