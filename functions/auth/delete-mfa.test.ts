import { describe, expect, test } from 'vitest';
import { totpCodeAt } from '../../shared/auth/totp';
import { JOBS } from '../../shared/jobs/names';
import { signedIn, turnOnMfa } from '../../tests/support/accounts';
import { outboxRows } from '../../tests/support/outbox';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import deleteMfa from './delete-mfa';
import enableMfa from './enable-mfa';
import me from './me';
import setupMfa from './setup-mfa';

const world = useTestWorld();
const START = '2026-12-01T08:00:00.000Z';
const fns = [setupMfa, enableMfa, deleteMfa, me];

async function withMfa() {
  world().clock.set(START);
  const user = await createUser(world().deps);
  const c = await signedIn(world().deps, fns, user);
  const mfa = await turnOnMfa(c, world().deps);
  world().clock.advance(30_000);
  return { user, c, ...mfa, code: () => totpCodeAt(mfa.secret, world().clock()) };
}
const off = (c: Awaited<ReturnType<typeof withMfa>>['c'], json: unknown) => c.call('DELETE', '/api/auth/mfa', { json });
const factorRows = async (userId: string) => [
  ...(await world().deps.db.selectFrom('mfa_factors').select('user_id').where('user_id', '=', userId).execute()),
  ...(await world().deps.db.selectFrom('mfa_recovery_codes').select('user_id').where('user_id', '=', userId).execute()),
];

describe('DELETE /api/auth/mfa', () => {
  test('the password and a code turn it off: 204, factor and recovery codes gone, notice queued, audited', async () => {
    const { user, c, code } = await withMfa();
    // A session of another browser (signed in with password and code earlier).
    const elsewhere = await world().deps.sessions.create(user.id);
    const res = await off(c, { password: user.password, code: code() });
    expect(res.status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect(await world().deps.sessions.validate(elsewhere.token)).toBeNull();
    expect(await factorRows(user.id)).toEqual([]);
    expect((await c.get('/api/auth/me')).body.mfaEnabled).toBe(false);
    expect((await outboxRows(world().deps)).filter((r) => r.payload.userId === user.id && r.payload.event !== 'new_device').map((r) => [r.job, r.payload.event])).toEqual([
      [JOBS.accountNotice, 'mfa_enabled'],
      [JOBS.accountNotice, 'mfa_disabled'],
    ]);
    const audit = await world().deps.db.selectFrom('audit_log').select('outcome').where('entity_id', '=', user.id).where('action', '=', 'mfa_disable').execute();
    expect(audit.map((r) => r.outcome)).toEqual(['ok']);
  });

  test('a recovery code works in place of a TOTP code', async () => {
    const { user, c, recoveryCodes } = await withMfa();
    expect((await off(c, { password: user.password, code: recoveryCodes[3] })).status).toBe(204);
  });

  test('a wrong password is 400 naming password; a wrong code is 400 invalid_code; nothing changes', async () => {
    const { user, c, code } = await withMfa();
    const wrongPassword = await off(c, { password: 'not it at all', code: code() });
    expect(wrongPassword.status).toBe(400);
    expect(Object.keys(wrongPassword.body.error.fields)).toEqual(['password']);
    const wrongCode = await off(c, { password: user.password, code: '000000' });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.error.code).toBe('invalid_code');
    const missing = await off(c, {});
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(['code', 'password']);
    expect(await factorRows(user.id)).toHaveLength(11);
  });

  test('409 mfa_not_enabled when it is off; 401 without a session', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const res = await off(c, { password: user.password, code: '123456' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('mfa_not_enabled');
    c.cookie = null;
    expect((await off(c, { password: user.password, code: '123456' })).status).toBe(401);
  });
});
