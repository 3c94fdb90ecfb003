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
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: { role: Role; name: string; email: string; mfaEnabled: boolean };
  }
}

/** What a session remembers besides its user: times, and where it was started (for the user's own list). */
export interface SessionAttributes {
  createdAt: number;
  lastSeenAt: number;
  /** The browser's User-Agent at sign-in (at most 256 characters), or null. */
  userAgent?: string | null;
  /** The address at sign-in, or null. */
  ip?: string | null;
}

export interface SessionUser {
  id: string;
  role: Role;
  name: string;
  email: string;
  /** Whether the user has a second factor on (REQUIRE_STAFF_MFA, `me`); absent counts as no. */
  mfaEnabled?: boolean;
}

/** One live session as its owner may see it: never the token, nor the store key (the token's hash). */
export interface SessionInfo {
  /** An id of its own, derived from the store key one way: naming a session cannot sign anyone in. */
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  cookieName: string;
  secureCookie: boolean;
}

export interface SessionManager {
  /** Starts a session; answers the token and the Set-Cookie value that carries it. */
  create(userId: string, origin?: { userAgent?: string | null; ip?: string | null }): Promise<{ token: string; cookie: string }>;
  /** The signed-in user for a token, or null when the token is unknown, idle too long or too old. */
  validate(token: string | null | undefined): Promise<SessionUser | null>;
  /** The token in a Cookie header, if any. */
  readToken(cookieHeader: string | null | undefined): string | null;
  invalidate(token: string): Promise<void>;
  /** Ends every session of a user at once (blacklisting, password reset). */
  invalidateUser(userId: string): Promise<void>;
  /** Ends every session of a user but the one of `keepToken` (a password change from that session). */
  invalidateUserExcept(userId: string, keepToken: string): Promise<void>;
  /** A user's live sessions, most recently seen first. */
  list(userId: string): Promise<SessionInfo[]>;
  /** The public id (SessionInfo.id) of the session of a token. */
  publicId(token: string): string;
  /** Ends the user's session with this public id; false when they have none such (another's, or gone). */
  endById(userId: string, id: string): Promise<boolean>;
  /** A Set-Cookie value that clears the session cookie in the browser. */
  blankCookie(): string;
}

/**
 * A session's public id: a hash of its store key (itself the token's SHA-256), cut to 128 bits. The list
 * shows it and DELETE takes it; knowing it gives no way back to the token or the store key.
 */
function publicIdOf(storeId: string): string {
  return sessionIdFromToken(`wardline-session-public-id.${storeId}`).slice(0, 32);
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
    async create(userId, origin = {}) {
      const token = newSessionToken();
      const now = deps.clock().getTime();
      const attributes: SessionAttributes = { createdAt: now, lastSeenAt: now, userAgent: origin.userAgent?.slice(0, 256) ?? null, ip: origin.ip ?? null };
      await lucia.createSession(userId, attributes, { sessionId: sessionIdFromToken(token) });
      return { token, cookie: lucia.createSessionCookie(token).serialize() };
    },

    async validate(token) {
      if (!token || token.length > 256) return null;
      const id = sessionIdFromToken(token);
      // Lucia's result types only know attributes through a global registration of one instance;
      // ours is built per Deps, so we name the shapes getSessionAttributes/getUserAttributes return.
      const result = (await lucia.validateSession(id)) as
        | { session: SessionAttributes; user: SessionUser }
        | { session: null; user: null };
      const { session, user } = result;
      if (!session || !user) return null;
      const now = deps.clock().getTime();
      if (now - session.createdAt >= settings.absoluteMs || now - session.lastSeenAt >= settings.idleMs) {
        await lucia.invalidateSession(id);
        return null;
      }
      if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
        await adapter.updateSessionAttributes(id, { createdAt: session.createdAt, lastSeenAt: now, userAgent: session.userAgent ?? null, ip: session.ip ?? null });
      }
      return { id: user.id, role: user.role, name: user.name, email: user.email, mfaEnabled: user.mfaEnabled === true };
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

    async invalidateUserExcept(userId, keepToken) {
      const keep = sessionIdFromToken(keepToken);
      const others = (await adapter.getUserSessions(userId)).filter((s) => s.id !== keep);
      for (const session of others) await adapter.deleteSession(session.id);
    },

    async list(userId) {
      const now = deps.clock().getTime();
      const live = (await adapter.getUserSessions(userId)).filter(
        (s) => now - s.attributes.createdAt < settings.absoluteMs && now - s.attributes.lastSeenAt < settings.idleMs,
      );
      return live
        .map((s) => ({
          id: publicIdOf(s.id),
          createdAt: new Date(s.attributes.createdAt),
          lastSeenAt: new Date(s.attributes.lastSeenAt),
          userAgent: s.attributes.userAgent ?? null,
          ip: s.attributes.ip ?? null,
        }))
        .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
    },

    publicId(token) {
      return publicIdOf(sessionIdFromToken(token));
    },

    async endById(userId, id) {
      // Only among this user's own sessions: another user's id matches nothing here.
      const session = (await adapter.getUserSessions(userId)).find((s) => publicIdOf(s.id) === id);
      if (!session) return false;
      await adapter.deleteSession(session.id);
      return true;
    },

    blankCookie() {
      return lucia.createBlankSessionCookie().serialize();
    },
  };
}
