/**
 * Role guards for a route: `requireSession()` for any signed-in user, `requireRole('doctor')` for one
 * role. 401 without a live session, 403 for a role that is not allowed (API.md "Roles").
 * With REQUIRE_STAFF_MFA=true, an admin or doctor without a second factor gets 403 `mfa_setup_required`
 * on every guarded route outside /api/auth/* (where they set it up); the session already knows whether
 * the user has one, so this costs nothing per request.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../db/schema';
import type { AppEnv } from './env';
import { describeHandler } from './route-meta';
import { writeAudit } from '../db/audit';
import { requestSource } from './client-address';
import { forbidden, HttpError, unauthenticated } from './errors';

const STAFF: Role[] = ['admin', 'doctor'];

const mfaSetupRequired = () => new HttpError(403, 'mfa_setup_required', 'Set up two-step sign-in first: your account needs it.');

export function requireSession(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return describeHandler<MiddlewareHandler<AppEnv>>(async (c, next) => {
    const { sessions } = c.env.deps;
    const token = sessions.readToken(c.req.header('cookie'));
    const user = await sessions.validate(token);
    if (!user || !token) throw unauthenticated();
    const roleRefused = roles.length > 0 && !roles.includes(user.role);
    const mfaMissing =
      !roleRefused && c.env.deps.config.requireStaffMfa && STAFF.includes(user.role) && user.mfaEnabled !== true && !c.req.path.startsWith('/api/auth/');
    if (roleRefused || mfaMissing) {
      // A refused access is part of the audit trail (issue 8): who tried which door, from where.
      await writeAudit(c.env.deps.db, {
        at: c.env.deps.clock(),
        actorId: user.id,
        actorRole: user.role,
        action: 'access_refused',
        entity: 'route',
        entityId: `${c.req.method} ${c.req.routePath}`.slice(0, 200),
        outcome: mfaMissing ? 'mfa_setup_required' : 'forbidden',
        ...requestSource(c),
      });
      throw mfaMissing ? mfaSetupRequired() : forbidden('This is not available to your role.');
    }
    c.set('user', user);
    c.set('sessionToken', token);
    await next();
  }, { kind: 'session', roles });
}

export const requireRole = (...roles: [Role, ...Role[]]) => requireSession(...roles);
