import { describe, expect, test } from 'vitest';
import { LOGIN_LIMITS } from '../../shared/auth/throttle';
import { createTestWorld, useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import login from './login';
import me from './me';

const world = useTestWorld();

let address = 0;
/** Each test signs in from an address of its own so the per-address counter of one does not leak into another. */
const client = () => testClient(world().deps, [login, me], { clientAddress: `192.0.2.${++address}` });

describe('POST /api/auth/login', () => {
  test('the right email and password sign in with a fresh session cookie', async () => {
    const user = await createUser(world().deps, { role: 'doctor', name: 'Dr Grey' });
    const c = client();
    const res = await c.post('/api/auth/login', { json: { email: ` ${user.email.toUpperCase()} `, password: user.password } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: user.id, role: 'doctor', name: 'Dr Grey', email: user.email } });
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect((await c.get('/api/auth/me')).body.user.id).toBe(user.id);
  });

  test('a wrong password and an unknown email get exactly the same answer', async () => {
    const user = await createUser(world().deps);
    const wrong = await client().post('/api/auth/login', { json: { email: user.email, password: 'not the password' } });
    const unknown = await client().post('/api/auth/login', { json: { email: 'nobody@example.org', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.body.error.code).toBe('unauthenticated');
    expect(wrong.setCookie).toBeNull();
  });

  test('signing in again gives a new session and the old cookie dies', async () => {
    const user = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    const first = c.cookie!;
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    const second = c.cookie!;
    expect(second).not.toBe(first);
    expect((await c.get('/api/auth/me', { cookie: first })).status).toBe(401);
    expect((await c.get('/api/auth/me', { cookie: second })).status).toBe(200);
  });

  test('a blacklisted account with the right password gets 403 account_disabled and no session', async () => {
    const user = await createUser(world().deps, { status: 'blacklisted' });
    const res = await client().post('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
    expect(res.setCookie).toBeNull();
  });

  test('a blacklisted account with a wrong password learns nothing more than 401', async () => {
    const user = await createUser(world().deps, { status: 'blacklisted' });
    const res = await client().post('/api/auth/login', { json: { email: user.email, password: 'guessing' } });
    expect(res.status).toBe(401);
  });

  test('after five failures the account is throttled with 429 and Retry-After, even with the right password', async () => {
    const user = await createUser(world().deps);
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) {
      // Spread over addresses: the per-account counter is what trips here.
      expect((await client().post('/api/auth/login', { json: { email: user.email, password: `wrong ${i}` } })).status).toBe(401);
    }
    const res = await client().post('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another account is not affected.
    const other = await createUser(world().deps);
    expect((await client().post('/api/auth/login', { json: { email: other.email, password: other.password } })).status).toBe(200);
  });

  test('one address that fails across many accounts is throttled too', async () => {
    const c = testClient(world().deps, [login], { clientAddress: '203.0.113.99' });
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i++) {
      expect((await c.post('/api/auth/login', { json: { email: `spray${i}@example.org`, password: 'Winter2026!' } })).status).toBe(401);
    }
    const user = await createUser(world().deps);
    const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  test('the failure counters live in Redis under the configured prefix', async () => {
    const user = await createUser(world().deps);
    await client().post('/api/auth/login', { json: { email: user.email, password: 'nope nope' } });
    const keys = await world().redis.keys(`${world().config.redisKeyPrefix}login-fail:account:*`);
    expect(keys).toContain(`${world().config.redisKeyPrefix}login-fail:account:${user.email}`);
  });

  test('a successful sign-in clears the account counter', async () => {
    const user = await createUser(world().deps);
    for (let i = 0; i < LOGIN_LIMITS.account.limit - 1; i++) await client().post('/api/auth/login', { json: { email: user.email, password: 'nope' } });
    expect((await client().post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.account.limit - 1; i++) {
      expect((await client().post('/api/auth/login', { json: { email: user.email, password: 'nope' } })).status).toBe(401);
    }
  });

  test('bad input gets 400 naming the field and never echoing it', async () => {
    const res = await client().post('/api/auth/login', { json: { email: 'SECRET-not-an-email', password: '' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['email', 'password']);
    expect(res.text).not.toContain('SECRET');
  });

  test('failed sign-ins are audited without the password', async () => {
    const user = await createUser(world().deps);
    await client().post('/api/auth/login', { json: { email: user.email, password: 'a very distinctive guess' } });
    const rows = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'login_failed').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('distinctive');
  });
});

describe('behind HTTPS', () => {
  test('the session cookie is Secure and carries the __Host- prefix', async () => {
    const secure = await createTestWorld({ WEB_ORIGIN: 'https://wardline.example.org' });
    try {
      const user = await createUser(secure.deps);
      const c = testClient(secure.deps, [login, me]);
      const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
      expect(res.status).toBe(200);
      expect(res.setCookie).toMatch(/^__Host-wardline_session=[a-z2-7]+; HttpOnly; Max-Age=43200; Path=\/; SameSite=Lax; Secure$/);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      // The plain-HTTP cookie name means nothing here.
      expect((await c.get('/api/auth/me', { cookie: c.cookie!.replace('__Host-', '') })).status).toBe(401);
    } finally {
      await secure.cleanup();
    }
  });
});
