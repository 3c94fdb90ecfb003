import { describe, expect, test } from 'vitest';
import { totpCodeAt } from '../../shared/auth/totp';
import { JOBS } from '../../shared/jobs/names';
import { mailbox, signedIn } from '../../tests/support/accounts';
import { outboxRows } from '../../tests/support/outbox';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import enableMfa from './enable-mfa';
import me from './me';
import setupMfa from './setup-mfa';

const world = useTestWorld();
const fns = [setupMfa, enableMfa, me];

describe('POST /api/auth/mfa/enable', () => {
  test('a right code turns MFA on and answers 10 distinct recovery codes once, stored only hashed; me says so; an email tells the user', async () => {
    const user = await createUser(world().deps);
    const elsewhere = await signedIn(world().deps, fns, user);
    const c = await signedIn(world().deps, fns, user);
    expect((await c.get('/api/auth/me')).body.mfaEnabled).toBe(false);
    const { secret } = (await c.post('/api/auth/mfa/setup')).body;
    const res = await c.post('/api/auth/mfa/enable', { json: { code: totpCodeAt(secret, world().clock()) } });
    expect(res.status).toBe(200);
    const codes: string[] = res.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const stored = await world().deps.db.selectFrom('mfa_recovery_codes').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(row.code_hash).toMatch(/^\$argon2id\$/);
    const everything = JSON.stringify([stored, await world().deps.db.selectFrom('audit_log').selectAll().execute(), await world().deps.db.selectFrom('outbox').selectAll().execute()]);
    for (const code of codes) expect(everything).not.toContain(code);
    const factor = await world().deps.db.selectFrom('mfa_factors').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(factor).toMatchObject({ pending_secret: null, enabled_at: '2026-12-01T08:00:00.000Z' });
    expect(factor.secret).not.toContain(secret);
    expect((await c.get('/api/auth/me')).body).toEqual({ user: expect.objectContaining({ id: user.id }), mfaEnabled: true });
    // Every other session ended with the change of factor (ASVS 5.0 7.4.3).
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await outboxRows(world().deps)).filter((r) => r.payload.userId === user.id && r.payload.event !== 'new_device')).toEqual([expect.objectContaining({ job: JOBS.accountNotice, payload: { userId: user.id, event: 'mfa_enabled' } })]);
    const box = mailbox(world().deps);
    await box.deliver();
    expect(box.to(user.email).map((m) => m.subject)).toContainEqual(expect.stringMatching(/^Two-step sign-in is on/));
  });

  test('codes of the step before and after are accepted (clock drift of one step); two steps off is not', async () => {
    for (const [offset, status] of [[-30_000, 200], [30_000, 200], [-60_000, 400], [60_000, 400]] as const) {
      const user = await createUser(world().deps);
      const c = await signedIn(world().deps, fns, user);
      const { secret } = (await c.post('/api/auth/mfa/setup')).body;
      const code = totpCodeAt(secret, new Date(world().clock().getTime() + offset));
      expect((await c.post('/api/auth/mfa/enable', { json: { code } })).status, `offset ${offset}`).toBe(status);
    }
  });

  test('a wrong code is 400 invalid_code and nothing changes; missing code is 400 naming it', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    await c.post('/api/auth/mfa/setup');
    const res = await c.post('/api/auth/mfa/enable', { json: { code: '000000' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_code');
    const missing = await c.post('/api/auth/mfa/enable', { json: {} });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.fields)).toEqual(['code']);
    const factor = await world().deps.db.selectFrom('mfa_factors').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(factor.enabled_at).toBeNull();
    expect(await world().deps.db.selectFrom('mfa_recovery_codes').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  test('without a setup first: 409 mfa_not_set_up; without a session: 401', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const res = await c.post('/api/auth/mfa/enable', { json: { code: '123456' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('mfa_not_set_up');
    c.cookie = null;
    expect((await c.post('/api/auth/mfa/enable', { json: { code: '123456' } })).status).toBe(401);
  });
});
