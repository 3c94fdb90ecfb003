/**
 * Role guards for a route: `requireSession()` for any signed-in user, `requireRole('doctor')` for one
 * role. 401 without a live session, 403 for a role that is not allowed (API.md "Roles").
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../db/schema';
import type { AppEnv } from './env';
import { describeHandler } from './route-meta';
import { forbidden, unauthenticated } from './errors';

export function requireSession(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return describeHandler<MiddlewareHandler<AppEnv>>(async (c, next) => {
    const { sessions } = c.env.deps;
    const token = sessions.readToken(c.req.header('cookie'));
    const user = await sessions.validate(token);
    if (!user || !token) throw unauthenticated();
    if (roles.length > 0 && !roles.includes(user.role)) throw forbidden('This is not available to your role.');
    c.set('user', user);
    c.set('sessionToken', token);
    await next();
  }, { kind: 'session', roles });
}

export const requireRole = (...roles: [Role, ...Role[]]) => requireSession(...roles);
