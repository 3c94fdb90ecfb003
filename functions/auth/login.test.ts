import { describe, expect, test } from 'vitest';
import { isTrustedDevice } from '../../shared/auth/device-cookie';
import { LOGIN_LIMITS } from '../../shared/auth/throttle';
import type { Deps } from '../../shared/runtime/deps';
import { createTestWorld, useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import { mailbox } from '../../tests/support/accounts';
import { outboxRows } from '../../tests/support/outbox';
import { JOBS } from '../../shared/jobs/names';
import login from './login';
import me from './me';

const world = useTestWorld();

let address = 0;
/** The address of the newest client: 10.9.x.y, a valid IP for each of up to 65 536 clients. */
const lastAddress = () => `10.9.${address >> 8}.${address & 255}`;
/** Each client signs in from an address of its own so the per-address counter of one does not leak into another. */
const client = () => {
  address++;
  return testClient(world().deps, [login, me], { clientAddress: lastAddress() });
};

/** The world's Deps with password verification counted, to see how many guesses were really checked. */
function countingVerifies(): { deps: Deps; verified: () => number } {
  let count = 0;
  const inner = world().deps.passwords;
  const passwords = { hash: inner.hash, verify: (hash: string, password: string) => (count++, inner.verify(hash, password)) };
  return { deps: { ...world().deps, passwords }, verified: () => count };
}

const isTrusted = async (cookie: string, userId: string) =>
  isTrustedDevice(cookie, userId, { secretKey: world().config.secretKey, secure: world().config.session.secureCookie });

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

  test('five failures from one address throttle that account there with 429 and Retry-After, even with the right password', async () => {
    const user = await createUser(world().deps);
    const attacker = client();
    for (let i = 0; i < LOGIN_LIMITS.accountAddress.limit; i++) {
      expect((await attacker.post('/api/auth/login', { json: { email: user.email, password: `wrong ${i}` } })).status).toBe(401);
    }
    const res = await attacker.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The same account from another address, and another account from this one, are not affected.
    expect((await client().post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
    const other = await createUser(world().deps);
    expect((await attacker.post('/api/auth/login', { json: { email: other.email, password: other.password } })).status).toBe(200);
  });

  test('25 parallel wrong passwords get at most 5 verified and the rest 429; then the right one is 429 too', async () => {
    const user = await createUser(world().deps);
    const { deps, verified } = countingVerifies();
    const c = testClient(deps, [login], { clientAddress: '192.0.2.250' });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => c.post('/api/auth/login', { json: { email: user.email, password: `guess ${i}` } })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.accountAddress.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - LOGIN_LIMITS.accountAddress.limit);
    expect(verified()).toBe(LOGIN_LIMITS.accountAddress.limit);
    expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(429);
    expect(verified()).toBe(LOGIN_LIMITS.accountAddress.limit);
  });

  test('the per-address counter holds under a parallel burst across many accounts too', async () => {
    const { deps, verified } = countingVerifies();
    const c = testClient(deps, [login], { clientAddress: '192.0.2.251' });
    const burst = LOGIN_LIMITS.address.limit + 30;
    const results = await Promise.all(Array.from({ length: burst }, (_, i) => c.post('/api/auth/login', { json: { email: `burst${i}@example.org`, password: 'Winter2026!' } })));
    expect(results.filter((r) => r.status === 401)).toHaveLength(LOGIN_LIMITS.address.limit);
    expect(results.filter((r) => r.status === 429)).toHaveLength(30);
    expect(verified()).toBe(LOGIN_LIMITS.address.limit);
  });

  test('an attack from many addresses locks the account for new browsers, but the owner\'s browser still signs in', async () => {
    const user = await createUser(world().deps);
    // The owner signed in from this browser last week: it holds a device cookie for the account.
    const owner = client();
    expect((await owner.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
    expect(owner.cookies).toMatch(/wardline_device=/);
    // The attack: 100 failures an hour, each from an address of its own (a botnet), 20 at a time.
    for (let wave = 0; wave < LOGIN_LIMITS.account.limit / 20; wave++) {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client().post('/api/auth/login', { json: { email: user.email, password: `spray ${wave}-${i}` } })));
      expect(results.every((r) => r.status === 401)).toBe(true);
    }
    // Now even the right password from a browser that never signed in to this account waits.
    const stranger = await client().post('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeLessThanOrEqual(60 * 60);
    // The owner's browser, from a new address (a phone on another network), is exempt.
    const ownerElsewhere = testClient(world().deps, [login, me], { clientAddress: '198.51.100.200' });
    const res = await ownerElsewhere.post('/api/auth/login', { json: { email: user.email, password: user.password }, cookie: owner.cookies! });
    expect(res.status).toBe(200);
  });

  test('a device cookie of another account, or a forged one, does not exempt a browser', async () => {
    const victim = await createUser(world().deps);
    const attacker = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: attacker.email, password: attacker.password } });
    const ownDeviceCookie = c.cookies!;
    const forged = `wardline_device=${victim.id}.bm9uY2U.c2lnbmF0dXJl`;
    for (const cookie of [ownDeviceCookie, forged, ownDeviceCookie.replaceAll(attacker.id, victim.id)]) {
      const reservation = await isTrusted(cookie, victim.id);
      expect(reservation).toBe(false);
    }
    expect(await isTrusted(ownDeviceCookie, attacker.id)).toBe(true);
  });

  test('one browser keeps device cookies for several accounts (a shared family computer)', async () => {
    const [a, b] = [await createUser(world().deps), await createUser(world().deps)];
    const c = client();
    await c.post('/api/auth/login', { json: { email: a.email, password: a.password } });
    await c.post('/api/auth/login', { json: { email: b.email, password: b.password } });
    expect(await isTrusted(c.cookies!, a.id)).toBe(true);
    expect(await isTrusted(c.cookies!, b.id)).toBe(true);
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

  test('a successful sign-in clears the failures of that account from that address', async () => {
    const user = await createUser(world().deps);
    const c = client();
    for (let i = 0; i < LOGIN_LIMITS.accountAddress.limit - 1; i++) await c.post('/api/auth/login', { json: { email: user.email, password: 'nope' } });
    expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.accountAddress.limit - 1; i++) {
      expect((await c.post('/api/auth/login', { json: { email: user.email, password: 'nope' } })).status).toBe(401);
    }
  });

  test('a successful sign-in gives its reservation back: it does not count towards any limit', async () => {
    const user = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    const prefix = world().config.redisKeyPrefix;
    expect(await world().redis.get(`${prefix}login-fail:account:${user.email}`)).toBeNull();
    expect(await world().redis.exists(`${prefix}login-fail:account-ip:${user.email}:${lastAddress()}`)).toBe(0);
  });

  test('bad input gets 400 naming the field and never echoing it', async () => {
    const res = await client().post('/api/auth/login', { json: { email: 'SECRET-not-an-email', password: '' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['email', 'password']);
    expect(res.text).not.toContain('SECRET');
  });

  test('failed sign-ins are audited without the password, with the account as the subject and no actor', async () => {
    const user = await createUser(world().deps);
    await client().post('/api/auth/login', { json: { email: user.email, password: 'a very distinctive guess' }, headers: { 'user-agent': 'Mozilla/5.0 (test) Firefox/140.0' } });
    const rows = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'login_failed').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: null, entity: 'user', entity_id: user.id, ip: lastAddress(), user_agent: 'Mozilla/5.0 (test) Firefox/140.0' });
    expect(JSON.stringify(rows)).not.toContain('distinctive');
  });

  test('throttled and disabled-account attempts are audited, each with its user agent', async () => {
    const user = await createUser(world().deps);
    const c = client();
    const ua = { 'user-agent': 'curl/8.5.0' };
    for (let i = 0; i <= LOGIN_LIMITS.accountAddress.limit; i++) await c.post('/api/auth/login', { json: { email: user.email, password: 'wrong' }, headers: ua });
    const disabled = await createUser(world().deps, { status: 'blacklisted' });
    await client().post('/api/auth/login', { json: { email: disabled.email, password: disabled.password }, headers: ua });
    const rows = await world().deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', 'in', [user.id, disabled.id])
      .where('action', 'in', ['login_throttled', 'login_disabled'])
      .execute();
    expect(rows.map((r) => [r.action, r.entity_id, r.actor_id, r.user_agent])).toEqual(
      expect.arrayContaining([
        ['login_throttled', user.id, null, 'curl/8.5.0'],
        ['login_disabled', disabled.id, null, 'curl/8.5.0'],
      ]),
    );
  });

  test('a successful sign-in is audited with the user as actor, their address and user agent', async () => {
    const user = await createUser(world().deps);
    await client().post('/api/auth/login', { json: { email: user.email, password: user.password }, headers: { 'user-agent': 'Wardline test' } });
    const row = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'login').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: user.id, ip: lastAddress(), user_agent: 'Wardline test' });
  });

  test('a malformed cookie of another site beside a valid session changes nothing', async () => {
    const user = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password }, cookie: `analytics=50%; ${c.cookies}` });
    expect(res.status).toBe(200);
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

describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
  test('the address the proxy saw is throttled and audited, not the left-most entry the client wrote', async () => {
    const proxied = await createTestWorld({ TRUST_PROXY: '1' });
    try {
      const user = await createUser(proxied.deps);
      const c = testClient(proxied.deps, [login], { clientAddress: '10.0.0.2' });
      // An attacker rotates a made-up left-most entry on every try; the proxy appends the real address.
      for (let i = 0; i < LOGIN_LIMITS.accountAddress.limit; i++) {
        const res = await c.post('/api/auth/login', { json: { email: user.email, password: 'guess' }, headers: { 'x-forwarded-for': `6.6.6.${i}, 198.51.100.23` } });
        expect(res.status).toBe(401);
      }
      const res = await c.post('/api/auth/login', { json: { email: user.email, password: 'guess' }, headers: { 'x-forwarded-for': '7.7.7.7, 198.51.100.23' } });
      expect(res.status).toBe(429);
      const rows = await proxied.deps.db.selectFrom('audit_log').select('ip').where('entity_id', '=', user.id).execute();
      expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['198.51.100.23']));
    } finally {
      await proxied.cleanup();
    }
  });
});

describe('a sign-in from a new device', () => {
  const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
  const noticesFor = async (userId: string) => (await outboxRows(world().deps)).filter((r) => r.payload.userId === userId && r.payload.event === 'new_device');

  test('emails the user naming the device, the address and the time, with a link to their sessions', async () => {
    const user = await createUser(world().deps, { name: 'Tomas Reyes' });
    const c = client();
    const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password }, headers: { 'user-agent': FIREFOX_WINDOWS } });
    expect(res.status).toBe(200);
    const [row] = await noticesFor(user.id);
    expect(row).toMatchObject({ job: JOBS.accountNotice, payload: { userId: user.id, event: 'new_device', auditId: expect.any(String) } });
    const box = mailbox(world().deps);
    await box.deliver();
    const [mail] = box.to(user.email);
    expect(mail!.subject).toMatch(/^A sign-in from a new device/);
    for (const part of [mail!.text, mail!.html]) {
      expect(part).toContain('Firefox on Windows');
      expect(part).toContain(lastAddress());
      expect(part).toContain('1 December 2026, 08:00 (UTC)');
      expect(part).toContain(`${world().config.webOrigins[0]}/account/sessions`);
    }
  });

  test('a browser that signed in to the account before sends no notice; one with only another account\'s cookie does', async () => {
    const user = await createUser(world().deps);
    const other = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(await noticesFor(user.id)).toHaveLength(1);
    await c.post('/api/auth/login', { json: { email: other.email, password: other.password } });
    expect(await noticesFor(other.id)).toHaveLength(1);
  });

  test('a failed sign-in sends nothing', async () => {
    const user = await createUser(world().deps);
    await client().post('/api/auth/login', { json: { email: user.email, password: 'wrong wrong' } });
    expect(await noticesFor(user.id)).toEqual([]);
  });
});
