/**
 * Lucia's storage adapter over our `Cache` (Redis under Node, KV in a Worker). A session is one JSON
 * value under `session:<sha256 of token>`; `user-sessions:<userId>` is the set of a user's session ids
 * so that blacklisting can end them all at once. Users come from the database, active ones only: a
 * blacklisted user's leftover session resolves to no user, and lucia deletes it.
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
    /** How long an untouched session stays in the store: the idle timeout. */
    private readonly storeTtlMs: number,
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
    await this.write(session);
    await this.cache.addToSet(userSessionsKey(session.userId), session.id);
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const session = await this.read(sessionId);
    if (session) await this.write({ ...session, expiresAt });
  }

  /** Rewrites a session's attributes (its last-seen time) and restarts its idle expiry in the store. */
  async updateSessionAttributes(sessionId: string, attributes: DatabaseSession['attributes']): Promise<void> {
    const session = await this.read(sessionId);
    if (session) await this.write({ ...session, attributes });
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

  private async write(session: DatabaseSession): Promise<void> {
    const stored: StoredSession = { ...session, expiresAt: session.expiresAt.getTime() };
    await this.cache.set(sessionKey(session.id), JSON.stringify(stored), this.storeTtlMs);
  }
}
