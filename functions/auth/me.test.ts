import { describe, expect, test } from 'vitest';
import { sessionIdFromToken } from '../../shared/auth/tokens';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import login from './login';
import me from './me';

const world = useTestWorld();

const MINUTE = 60_000;

async function signIn(role: 'admin' | 'doctor' | 'patient' = 'patient') {
  const user = await createUser(world().deps, { role });
  const c = testClient(world().deps, [login, me]);
  expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
  return { c, user };
}

describe('GET /api/auth/me', () => {
  test.each(['admin', 'doctor', 'patient'] as const)('a signed-in %s sees exactly id, role, name and email, and whether MFA is on', async (role) => {
    const { c, user } = await signIn(role);
    const res = await c.get('/api/auth/me');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: user.id, role, name: `Test ${role}`, email: user.email }, mfaEnabled: false });
  });

  test('no cookie, an empty cookie, or a made-up token gets 401 unauthenticated', async () => {
    const c = testClient(world().deps, [me]);
    for (const cookie of ['', 'wardline_session=', 'wardline_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', `wardline_session=${'z'.repeat(5000)}`]) {
      const res = await c.get('/api/auth/me', { cookie });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    }
  });

  test('a session idle for 30 minutes is over', async () => {
    const { c } = await signIn();
    world().clock.advance(30 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    // And it stays over: going back in time does not revive a deleted session.
    world().clock.advance(-30 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  test('activity keeps a session alive past the idle timeout', async () => {
    const { c } = await signIn();
    for (let i = 0; i < 6; i++) {
      world().clock.advance(20 * MINUTE);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
  });

  test('even an active session ends 12 hours after sign-in', async () => {
    const { c } = await signIn();
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      world().clock.advance(20 * MINUTE);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    world().clock.advance(20 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  test('ending every session of a user signs them out everywhere at once', async () => {
    const { c, user } = await signIn();
    const other = testClient(world().deps, [login, me]);
    await other.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    await world().deps.sessions.invalidateUser(user.id);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await other.get('/api/auth/me')).status).toBe(401);
  });

  test('a user blacklisted in the database loses their session on the next request', async () => {
    const { c, user } = await signIn();
    await world().deps.db.updateTable('users').set({ status: 'blacklisted' }).where('id', '=', user.id).execute();
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  test('the session store holds only a hash of the token', async () => {
    const { c } = await signIn();
    const token = c.cookie!.split('=')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(26); // base32: 5 bits a character, so 32 characters are 160 bits
    const keys = await world().redis.keys(`${world().config.redisKeyPrefix}*`);
    expect(keys).toContain(`${world().config.redisKeyPrefix}session:${sessionIdFromToken(token)}`);
    for (const key of keys) {
      expect(key).not.toContain(token);
      const type = await world().redis.type(key);
      if (type === 'string') expect(await world().redis.get(key)).not.toContain(token);
      if (type === 'set') expect(JSON.stringify(await world().redis.smembers(key))).not.toContain(token);
    }
  });

  test('a malformed cookie of another site never causes a 500; the valid session beside it still counts', async () => {
    const { c } = await signIn();
    const session = c.cookie!;
    for (const cookie of [
      `analytics=50%; ${session}`,
      `${session}; analytics=50%`,
      `=%; junk; ${session}`,
      `a=%E0%A4%A; b="unterminated; ${session}`,
      `tracking=%%%; ${session}; tracking=%`,
    ]) {
      const res = await c.get('/api/auth/me', { cookie });
      expect(res.status, cookie).toBe(200);
    }
  });

  test('a malformed value of the session cookie itself is no session: 401, not 500', async () => {
    const c = testClient(world().deps, [me]);
    for (const cookie of ['wardline_session=%', 'wardline_session=%E0%A4%A', 'wardline_session', ';;;=;', `wardline_session=${'%'.repeat(300)}`]) {
      const res = await c.get('/api/auth/me', { cookie });
      expect(res.status, cookie).toBe(401);
    }
  });
});
