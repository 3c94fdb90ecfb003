/**
 * Sessions (ADR 003). Lucia v3 does the bookkeeping behind this module; we add what it lacks:
 * hashed tokens, an idle timeout and an absolute timeout measured on the injected clock, and
 * "end every session of this user". Nothing outside `shared/auth` touches lucia.
 */
import { Lucia, TimeSpan } from 'lucia';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import type { Cache, Clock } from '../runtime/deps';
import { readCookie } from '../http/cookies';
import { CacheSessionAdapter } from './session-store';
import { newSessionToken, sessionIdFromToken } from './tokens';

declare module 'lucia' {
  interface Register {
    DatabaseSessionAttributes: { createdAt: number; lastSeenAt: number };
    DatabaseUserAttributes: { role: Role; name: string; email: string };
  }
}

export interface SessionUser {
  id: string;
  role: Role;
  name: string;
  email: string;
}

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  cookieName: string;
  secureCookie: boolean;
}

export interface SessionManager {
  /** Starts a session; answers the token and the Set-Cookie value that carries it. */
  create(userId: string): Promise<{ token: string; cookie: string }>;
  /** The signed-in user for a token, or null when the token is unknown, idle too long or too old. */
  validate(token: string | null | undefined): Promise<SessionUser | null>;
  /** The token in a Cookie header, if any. */
  readToken(cookieHeader: string | null | undefined): string | null;
  invalidate(token: string): Promise<void>;
  /** Ends every session of a user at once (blacklisting, password change). */
  invalidateUser(userId: string): Promise<void>;
  /** A Set-Cookie value that clears the session cookie in the browser. */
  blankCookie(): string;
}

/** Touch the last-seen time at most this often: one store write a minute, not one a request. */
const TOUCH_EVERY_MS = 60_000;

export function createSessionManager(deps: { cache: Cache; db: Kysely<Database>; clock: Clock }, settings: SessionSettings): SessionManager {
  const adapter = new CacheSessionAdapter(deps.cache, deps.db, {
    storeTtlMs: Math.min(settings.idleMs, settings.absoluteMs),
    indexTtlMs: settings.absoluteMs,
  });
  const lucia = new Lucia(adapter, {
    // Lucia's own expiry (on the wall clock) is a backstop; the rules below use the injected clock.
    sessionExpiresIn: new TimeSpan(Math.ceil(settings.absoluteMs / 1000), 's'),
    sessionCookie: {
      name: settings.cookieName,
      expires: true,
      attributes: { secure: settings.secureCookie, sameSite: 'lax', path: '/' },
    },
    getUserAttributes: (attributes) => attributes,
    getSessionAttributes: (attributes) => attributes,
  });

  return {
    async create(userId) {
      const token = newSessionToken();
      const now = deps.clock().getTime();
      await lucia.createSession(userId, { createdAt: now, lastSeenAt: now }, { sessionId: sessionIdFromToken(token) });
      return { token, cookie: lucia.createSessionCookie(token).serialize() };
    },

    async validate(token) {
      if (!token || token.length > 256) return null;
      const id = sessionIdFromToken(token);
      // Lucia's result types only know attributes through a global registration of one instance;
      // ours is built per Deps, so we name the shapes getSessionAttributes/getUserAttributes return.
      const result = (await lucia.validateSession(id)) as
        | { session: { createdAt: number; lastSeenAt: number }; user: SessionUser }
        | { session: null; user: null };
      const { session, user } = result;
      if (!session || !user) return null;
      const now = deps.clock().getTime();
      if (now - session.createdAt >= settings.absoluteMs || now - session.lastSeenAt >= settings.idleMs) {
        await lucia.invalidateSession(id);
        return null;
      }
      if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
        await adapter.updateSessionAttributes(id, { createdAt: session.createdAt, lastSeenAt: now });
      }
      return { id: user.id, role: user.role, name: user.name, email: user.email };
    },

    readToken(cookieHeader) {
      // Not lucia's reader: it throws on any malformed cookie of the site, ours or not.
      return readCookie(cookieHeader, settings.cookieName);
    },

    async invalidate(token) {
      await lucia.invalidateSession(sessionIdFromToken(token));
    },

    async invalidateUser(userId) {
      await lucia.invalidateUserSessions(userId);
    },

    blankCookie() {
      return lucia.createBlankSessionCookie().serialize();
    },
  };
}
