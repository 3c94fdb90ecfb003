import { describe, expect, test } from 'vitest';
import type { Cache } from '../runtime/deps';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import login from '../../functions/auth/login';
import me from '../../functions/auth/me';
import { CacheSessionAdapter, MAX_SESSIONS_PER_USER, sessionKey, userSessionsKey } from './session-store';
import { sessionIdFromToken } from './tokens';

const world = useTestWorld();
const MINUTE = 60_000;

async function signIn(user: { email: string; password: string }) {
  const c = testClient(world().deps, [login, me]);
  expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
  return sessionIdFromToken(c.cookie!.split('=')[1]!);
}

describe('the session store', () => {
  test("a user's index of sessions expires with the absolute timeout after the newest sign-in", async () => {
    const user = await createUser(world().deps);
    await signIn(user);
    const ttl = await world().redis.pttl(`${world().config.redisKeyPrefix}${userSessionsKey(user.id)}`);
    expect(ttl).toBeGreaterThan(world().config.session.absoluteMs - MINUTE);
    expect(ttl).toBeLessThanOrEqual(world().config.session.absoluteMs);
  });

  test('a new sign-in drops the sessions that have timed out from the index', async () => {
    const user = await createUser(world().deps);
    const first = await signIn(user);
    world().clock.advance(20 * MINUTE);
    const second = await signIn(user);
    world().clock.advance(15 * MINUTE);
    // The first was last seen 35 minutes ago: timed out. The second, 15 minutes ago: alive.
    const third = await signIn(user);
    expect(await world().deps.cache.indexMembers(userSessionsKey(user.id))).toEqual([second, third]);
    expect(first).not.toBe(second);
  });

  test(`past ${MAX_SESSIONS_PER_USER} sessions a sign-in ends the least recently used one; using a session keeps it`, async () => {
    const user = await createUser(world().deps);
    const clients = [];
    for (let i = 0; i < MAX_SESSIONS_PER_USER; i++) {
      const c = testClient(world().deps, [login, me]);
      expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
      clients.push(c);
      world().clock.advance(MINUTE);
    }
    // The oldest browser is used again (a touch, more than a minute after its last): it moves to the end.
    expect((await clients[0]!.get('/api/auth/me')).status).toBe(200);
    world().clock.advance(MINUTE);
    await signIn(user);
    expect((await clients[0]!.get('/api/auth/me')).status).toBe(200);
    // The second browser was now the least recently used: it was signed out.
    expect((await clients[1]!.get('/api/auth/me')).status).toBe(401);
    expect((await clients[2]!.get('/api/auth/me')).status).toBe(200);
    expect(await world().deps.cache.indexMembers(userSessionsKey(user.id))).toHaveLength(MAX_SESSIONS_PER_USER);
  });

  test('a last-seen update that read the session just before a logout deleted it does not bring it back', async () => {
    const user = await createUser(world().deps);
    const id = await signIn(user);
    const cache = world().deps.cache;
    // The logout lands between the update's read and its write: the worst interleaving, made certain.
    const racing: Cache = {
      ...cache,
      setIfExists: cache.setIfExists.bind(cache),
      set: cache.set.bind(cache),
      get: async (key) => {
        const value = await cache.get(key);
        if (key === sessionKey(id)) await cache.del(key);
        return value;
      },
    };
    const adapter = new CacheSessionAdapter(racing, world().deps.db, { storeTtlMs: 30 * MINUTE, indexTtlMs: 720 * MINUTE });
    await adapter.updateSessionAttributes(id, { createdAt: 0, lastSeenAt: 1 });
    await adapter.updateSessionExpiration(id, new Date(Date.now() + MINUTE));
    expect(await cache.get(sessionKey(id))).toBeNull();
  });
});
