/**
 * Lucia's storage adapter over our `Cache` (Redis under Node, KV in a Worker). A session is one JSON
 * value under `session:<sha256 of token>`, expiring after the idle timeout unless touched. Users come
 * from the database, active ones only: a blacklisted user's leftover session resolves to no user, and
 * lucia deletes it.
 *
 * `user-sessions:<userId>` indexes a user's sessions by when each was last seen, so that blacklisting or
 * a password change can end them all at once. It stays small without reading every session: each
 * sign-in drops, in the same step, the sessions not seen for the idle timeout (they have timed out) and,
 * past MAX_SESSIONS_PER_USER, the least recently seen ones, which end (ADR 003). The index itself expires
 * with the absolute timeout after its last change. Updates of a session (its last-seen time, its
 * expiry) write only if the session still exists, in one step: a touch that races a logout must not
 * bring the session back.
 */
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database, User } from '../db/schema';
import type { Cache } from '../runtime/deps';

interface StoredSession {
  id: string;
  userId: string;
  expiresAt: number;
  attributes: DatabaseSession['attributes'];
}

type ActiveUser = Pick<User, 'id' | 'role' | 'name' | 'email'> & { mfa_enabled_at: string | null };

/** Browsers and devices one person is signed in on at once; a further sign-in ends the least recently used. */
export const MAX_SESSIONS_PER_USER = 20;

export const sessionKey = (id: string) => `session:${id}`;
export const userSessionsKey = (userId: string) => `user-sessions:${userId}`;

export class CacheSessionAdapter implements Adapter {
  constructor(
    private readonly cache: Cache,
    private readonly db: Kysely<Database>,
    private readonly ttl: {
      /** How long an untouched session stays in the store: the idle timeout. */
      storeTtlMs: number;
      /** How long a user's index of sessions outlives its last change: the absolute timeout. */
      indexTtlMs: number;
    },
  ) {}

  /**
   * The active user behind a session: the query every signed-in request runs, so it is built and compiled
   * once and only its parameter changes (building and compiling it was most of Kysely's share of /me).
   */
  private activeUserQuery?: CompiledQuery<ActiveUser>;

  /**
   * The active user behind a session: the query every signed-in request runs, so it is built and compiled
   * once and only its parameter changes (building and compiling it was most of Kysely's share of /me).
   */
  private async activeUser(userId: string): Promise<ActiveUser | undefined> {
    // Whether the user has a second factor rides along (one join): REQUIRE_STAFF_MFA's guard and `me` need it.
    this.activeUserQuery ??= this.db
      .selectFrom('users')
      .leftJoin('mfa_factors', 'mfa_factors.user_id', 'users.id')
      .select(['users.id', 'users.role', 'users.name', 'users.email', 'mfa_factors.enabled_at as mfa_enabled_at'])
      .where('users.id', '=', '')
      .where('users.status', '=', 'active')
      .compile();
    return (await this.db.executeQuery<ActiveUser>({ ...this.activeUserQuery, parameters: [userId, 'active'] })).rows[0];
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const session = await this.read(sessionId);
    if (!session) return [null, null];
    const user = await this.activeUser(session.userId);
    if (!user) return [session, null];
    const { id, role, name, email, mfa_enabled_at } = user;
    return [session, { id, attributes: { role, name, email, mfaEnabled: mfa_enabled_at !== null } }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const ids = await this.cache.indexMembers(userSessionsKey(userId));
    const sessions = await Promise.all(ids.map((id) => this.read(id)));
    return sessions.filter((s): s is DatabaseSession => s !== null);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.cache.set(sessionKey(session.id), this.serialise(session), this.ttl.storeTtlMs);
    const lastSeen = session.attributes.lastSeenAt;
    const dropped = await this.cache.addToIndex(userSessionsKey(session.userId), session.id, lastSeen, {
      ttlMs: this.ttl.indexTtlMs,
      dropBelow: lastSeen - this.ttl.storeTtlMs,
      keepAtMost: MAX_SESSIONS_PER_USER,
    });
    // Timed-out ones are gone from the store already; the least recently used beyond the limit end now.
    if (dropped.length > 0) await this.cache.del(...dropped.map(sessionKey));
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const session = await this.read(sessionId);
    if (session) await this.rewrite({ ...session, expiresAt });
  }

  /** Rewrites a session's attributes (its last-seen time) and restarts its idle expiry in the store. */
  async updateSessionAttributes(sessionId: string, attributes: DatabaseSession['attributes']): Promise<void> {
    const session = await this.read(sessionId);
    if (!session || !(await this.rewrite({ ...session, attributes }))) return;
    await this.cache.addToIndex(userSessionsKey(session.userId), sessionId, attributes.lastSeenAt, {
      ttlMs: this.ttl.indexTtlMs,
      onlyIfPresent: true,
    });
  }

  async deleteSession(sessionId: string): Promise<void> {
    const session = await this.read(sessionId);
    await this.cache.del(sessionKey(sessionId));
    if (session) await this.cache.removeFromIndex(userSessionsKey(session.userId), sessionId);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    const ids = await this.cache.indexMembers(userSessionsKey(userId));
    await this.cache.del(...ids.map(sessionKey), userSessionsKey(userId));
  }

  async deleteExpiredSessions(): Promise<void> {
    // The store expires keys by itself.
  }

  private async read(sessionId: string): Promise<DatabaseSession | null> {
    const raw = await this.cache.get(sessionKey(sessionId));
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredSession;
    return { ...stored, expiresAt: new Date(stored.expiresAt) };
  }

  private serialise(session: DatabaseSession): string {
    const stored: StoredSession = { ...session, expiresAt: session.expiresAt.getTime() };
    return JSON.stringify(stored);
  }

  /** Writes an existing session back; if it was deleted meanwhile (a logout), it stays deleted. */
  private rewrite(session: DatabaseSession): Promise<boolean> {
    return this.cache.setIfExists(sessionKey(session.id), this.serialise(session), this.ttl.storeTtlMs);
  }
}
