/**
 * Lucia's storage adapter over our `Cache` (Redis under Node, KV in a Worker). A session is one JSON
 * value under `session:<sha256 of token>`; `user-sessions:<userId>` is the set of a user's session ids
 * so that blacklisting can end them all at once. Users come from the database, active ones only: a
 * blacklisted user's leftover session resolves to no user, and lucia deletes it.
 *
 * The set expires with the longest a session can live after the newest was added, and a new sign-in
 * drops members whose sessions have timed out, so it never grows without end. Updates of a session
 * (its last-seen time, its expiry) write only if the session still exists, in one step: a touch that
 * races a logout must not bring the session back.
 */
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Cache } from '../runtime/deps';

interface StoredSession {
  id: string;
  userId: string;
  expiresAt: number;
  attributes: DatabaseSession['attributes'];
}

export const sessionKey = (id: string) => `session:${id}`;
export const userSessionsKey = (userId: string) => `user-sessions:${userId}`;

export class CacheSessionAdapter implements Adapter {
  constructor(
    private readonly cache: Cache,
    private readonly db: Kysely<Database>,
    private readonly ttl: {
      /** How long an untouched session stays in the store: the idle timeout. */
      storeTtlMs: number;
      /** How long a user's set of sessions outlives the newest one added: the absolute timeout. */
      userSetTtlMs: number;
    },
  ) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const session = await this.read(sessionId);
    if (!session) return [null, null];
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'role', 'name', 'email'])
      .where('id', '=', session.userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!user) return [session, null];
    const { id, ...attributes } = user;
    return [session, { id, attributes }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const ids = await this.cache.setMembers(userSessionsKey(userId));
    const sessions = await Promise.all(ids.map((id) => this.read(id)));
    return sessions.filter((s): s is DatabaseSession => s !== null);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.cache.set(sessionKey(session.id), this.serialise(session), this.ttl.storeTtlMs);
    const key = userSessionsKey(session.userId);
    await this.cache.addToSet(key, session.id, this.ttl.userSetTtlMs);
    await this.dropTimedOut(key);
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const session = await this.read(sessionId);
    if (session) await this.rewrite({ ...session, expiresAt });
  }

  /** Rewrites a session's attributes (its last-seen time) and restarts its idle expiry in the store. */
  async updateSessionAttributes(sessionId: string, attributes: DatabaseSession['attributes']): Promise<void> {
    const session = await this.read(sessionId);
    if (session) await this.rewrite({ ...session, attributes });
  }

  async deleteSession(sessionId: string): Promise<void> {
    const session = await this.read(sessionId);
    await this.cache.del(sessionKey(sessionId));
    if (session) await this.cache.removeFromSet(userSessionsKey(session.userId), sessionId);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    const ids = await this.cache.setMembers(userSessionsKey(userId));
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
  private async rewrite(session: DatabaseSession): Promise<void> {
    await this.cache.setIfExists(sessionKey(session.id), this.serialise(session), this.ttl.storeTtlMs);
  }

  /** Removes ids from a user's set whose sessions the store has already expired. */
  private async dropTimedOut(key: string): Promise<void> {
    const ids = await this.cache.setMembers(key);
    const alive = await Promise.all(ids.map((id) => this.cache.get(sessionKey(id))));
    const gone = ids.filter((_, i) => alive[i] === null);
    if (gone.length > 0) await this.cache.removeFromSet(key, ...gone);
  }
}
