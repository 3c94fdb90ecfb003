import { describe, expect, test } from 'vitest';
import { LOGIN_LIMITS } from '../../shared/auth/throttle';
import { totpCodeAt } from '../../shared/auth/totp';
import { signedIn, turnOnMfa } from '../../tests/support/accounts';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import { outboxRows } from '../../tests/support/outbox';
import enableMfa from './enable-mfa';
import login from './login';
import loginMfa from './login-mfa';
import me from './me';
import setupMfa from './setup-mfa';

const world = useTestWorld();
const START = '2026-12-01T08:00:00.000Z';
let address = 0;
const client = () => testClient(world().deps, [login, loginMfa, me], { clientAddress: `10.44.${++address >> 8}.${address & 255}` });
/** The next 30-second step: a code of the step already used is refused. */
const nextStep = () => world().clock.advance(30_000);

/** A user with MFA on, and the secret and recovery codes. */
async function mfaUser(role: 'patient' | 'doctor' | 'admin' = 'doctor') {
  const user = await createUser(world().deps, { role });
  const c = await signedIn(world().deps, [setupMfa, enableMfa], user);
  return { ...user, ...(await turnOnMfa(c, world().deps)) };
}

async function passwordStep(user: { email: string; password: string }) {
  const c = client();
  const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
  return { c, res };
}

describe('sign-in with two-step sign-in on', () => {
  test('the password answers { mfaRequired: true } and a five-minute pending cookie, no session; a code then signs in', async () => {
    const user = await mfaUser();
    nextStep();
    const { c, res } = await passwordStep(user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true });
    expect(res.setCookie).toBeNull();
    expect(res.setCookies).toEqual([expect.stringMatching(/^wardline_mfa=[a-z2-7]+; HttpOnly; Max-Age=300; Path=\/; SameSite=Lax$/)]);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const done = await c.post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, world().clock()) } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ user: { id: user.id, role: 'doctor', name: 'Test doctor', email: user.email } });
    expect(done.setCookie).toMatch(/^wardline_session=/);
    expect(done.setCookies).toContainEqual(expect.stringMatching(/^wardline_mfa=; .*Max-Age=0/));
    expect((await c.get('/api/auth/me')).body).toMatchObject({ user: { id: user.id }, mfaEnabled: true });
    const row = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'login').orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail!)).toEqual({ factor: 'totp' });
    // No secret or code in the audit trail or the logs.
    const trail = JSON.stringify([await world().deps.db.selectFrom('audit_log').selectAll().execute(), world().log.records]);
    expect(trail).not.toContain(user.secret);
    for (const code of user.recoveryCodes) expect(trail).not.toContain(code);
    world().clock.set(START);
  });

  test('a code cannot be used twice within its window', async () => {
    const user = await mfaUser();
    nextStep();
    const code = totpCodeAt(user.secret, world().clock());
    const first = await passwordStep(user);
    expect((await first.c.post('/api/auth/login/mfa', { json: { code } })).status).toBe(200);
    const second = await passwordStep(user);
    const replay = await second.c.post('/api/auth/login/mfa', { json: { code } });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('invalid_code');
    // Nor an older step's code, even within the drift window.
    const older = await second.c.post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, new Date(world().clock().getTime() - 30_000)) } });
    expect(older.body.error.code).toBe('invalid_code');
    world().clock.set(START);
  });

  test('drift of one step either side is accepted; two steps is not', async () => {
    const later = Date.parse(START) + 10 * 60_000;
    for (const [steps, status] of [[-1, 200], [1, 200], [-2, 400], [2, 400]] as const) {
      world().clock.set(START);
      const user = await mfaUser();
      world().clock.set(new Date(later));
      const { c } = await passwordStep(user);
      const res = await c.post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, new Date(later + steps * 30_000)) } });
      expect(res.status, `a code ${steps} steps off`).toBe(status);
    }
    world().clock.set(START);
  });

  test('a recovery code signs in once; used twice it is refused', async () => {
    const user = await mfaUser('admin');
    const [code] = user.recoveryCodes;
    const first = await passwordStep(user);
    const ok = await first.c.post('/api/auth/login/mfa', { json: { code: code!.toUpperCase().replace('-', ' ') } });
    expect(ok.status).toBe(200);
    const second = await passwordStep(user);
    const again = await second.c.post('/api/auth/login/mfa', { json: { code } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_code');
    const another = await second.c.post('/api/auth/login/mfa', { json: { code: user.recoveryCodes[1] } });
    expect(another.status).toBe(200);
  });

  test('wrong codes are 400 invalid_code, counted like wrong passwords: the sixth is 429', async () => {
    const user = await mfaUser();
    const { c } = await passwordStep(user);
    for (let i = 0; i < LOGIN_LIMITS.accountAddress.limit; i++) {
      const res = await c.post('/api/auth/login/mfa', { json: { code: String(100000 + i) } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_code');
    }
    nextStep();
    const res = await c.post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, world().clock()) } });
    expect(res.status).toBe(429);
    const rows = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'login_mfa_failed').execute();
    expect(rows.map((r) => r.outcome)).toEqual([...Array(LOGIN_LIMITS.accountAddress.limit).fill('invalid_code'), 'rate_limited']);
    expect(JSON.stringify(rows)).not.toMatch(/10000\d/);
    world().clock.set(START);
  });

  test('a right password between wrong codes does not wipe their count', async () => {
    const user = await mfaUser();
    const c = client();
    const step = () => c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    for (let round = 0; round < LOGIN_LIMITS.accountAddress.limit; round++) {
      expect((await step()).body).toEqual({ mfaRequired: true });
      expect((await c.post('/api/auth/login/mfa', { json: { code: String(200000 + round) } })).status).toBe(400);
    }
    // Five wrong codes from this address, each after a right password: the account is throttled here now.
    expect((await step()).status).toBe(429);
  });

  test('without a pending sign-in, or after five minutes, the code step is 401', async () => {
    const user = await mfaUser();
    nextStep();
    expect((await client().post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, world().clock()) } })).status).toBe(401);
    const { c } = await passwordStep(user);
    // The pending entry expires in Redis by real time; its key is gone as it would be after five minutes.
    const keys = await world().redis.keys(`${world().config.redisKeyPrefix}mfa-pending:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(Number(await world().redis.pttl(keys[0]!))).toBeLessThanOrEqual(5 * 60_000);
    await world().redis.del(...keys);
    expect((await c.post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, world().clock()) } })).status).toBe(401);
    world().clock.set(START);
  });

  test('a new device is told of once the code is right, not after the password alone', async () => {
    const user = await mfaUser();
    nextStep();
    const notices = async () => (await outboxRows(world().deps)).filter((r) => r.payload.userId === user.id && r.payload.event === 'new_device');
    const before = (await notices()).length;
    const { c } = await passwordStep(user);
    expect(await notices()).toHaveLength(before);
    expect((await c.post('/api/auth/login/mfa', { json: { code: totpCodeAt(user.secret, world().clock()) } })).status).toBe(200);
    expect(await notices()).toHaveLength(before + 1);
    world().clock.set(START);
  });

  test('a wrong password never reaches the code step; bad input is 400 naming code', async () => {
    const user = await mfaUser();
    const c = client();
    expect((await c.post('/api/auth/login', { json: { email: user.email, password: 'wrong one' } })).status).toBe(401);
    expect(c.cookies ?? '').not.toMatch(/wardline_mfa/);
    const res = await c.post('/api/auth/login/mfa', { json: {} });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['code']);
  });
});
