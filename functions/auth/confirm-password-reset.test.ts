import { describe, expect, test } from 'vitest';
import { JOBS } from '../../shared/jobs/names';
import { mailbox, resetTokenIn, signedIn, turnOnMfa } from '../../tests/support/accounts';
import { testClient } from '../../tests/support/http';
import { outboxRows } from '../../tests/support/outbox';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import confirmPasswordReset from './confirm-password-reset';
import createPasswordReset from './create-password-reset';
import enableMfa from './enable-mfa';
import login from './login';
import me from './me';
import setupMfa from './setup-mfa';

const world = useTestWorld();
const NEW = 'lanterns over the quay 9';
const START = '2026-12-01T08:00:00.000Z';

let address = 0;
const client = () => testClient(world().deps, [createPasswordReset, confirmPasswordReset], { clientAddress: `10.55.${++address >> 8}.${address & 255}` });

/** Asks for a link the way a person does and answers the token from the email. */
async function linkFor(email: string): Promise<string> {
  const box = mailbox(world().deps);
  expect((await client().post('/api/auth/password-reset', { json: { email } })).status).toBe(202);
  await box.deliver();
  const mail = box.to(email).at(-1);
  if (!mail) throw new Error('no reset email');
  return resetTokenIn(mail);
}

const confirm = (token: string, password = NEW) => client().post('/api/auth/password-reset/confirm', { json: { token, password } });
const hashOf = async (id: string) => (await world().deps.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;

describe('POST /api/auth/password-reset/confirm', () => {
  test('sets the password (204), ends every session of the user, emails them, and audits it', async () => {
    const user = await createUser(world().deps);
    const session = await signedIn(world().deps, [me], user);
    const token = await linkFor(user.email);
    const res = await confirm(token);
    expect(res.status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    await expect(signedIn(world().deps, [], user)).rejects.toThrow(/401/);
    await signedIn(world().deps, [], { email: user.email, password: NEW });
    expect((await outboxRows(world().deps)).filter((r) => r.payload.userId === user.id && r.job === JOBS.accountNotice && r.payload.event !== 'new_device')).toEqual([
      expect.objectContaining({ payload: { userId: user.id, event: 'password_reset' } }),
    ]);
    const box = mailbox(world().deps);
    await box.deliver();
    expect(box.to(user.email).map((m) => m.subject)).toContainEqual(expect.stringMatching(/^Your password was reset/));
    const audit = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'password_reset').execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: user.id, outcome: 'ok' })]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(NEW);
    // Nor in any log line.
    const logs = JSON.stringify(world().log.records);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(NEW);
  });

  test('a used token is 400 invalid_token, and so are the other links of that user', async () => {
    const user = await createUser(world().deps);
    const first = await linkFor(user.email);
    const second = await linkFor(user.email);
    expect((await confirm(second)).status).toBe(204);
    const hash = await hashOf(user.id);
    for (const token of [second, first]) {
      const res = await confirm(token, 'some other password 55');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_token');
    }
    expect(await hashOf(user.id)).toBe(hash);
  });

  test('an expired token (31 minutes) is 400 invalid_token; at 29 minutes it works', async () => {
    const [a, b] = [await createUser(world().deps), await createUser(world().deps)];
    const [ta, tb] = [await linkFor(a.email), await linkFor(b.email)];
    try {
      world().clock.advance(29 * 60_000);
      expect((await confirm(ta)).status).toBe(204);
      world().clock.advance(2 * 60_000);
      const res = await confirm(tb);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_token');
    } finally {
      world().clock.set(START);
    }
  });

  test('a wrong token is 400 invalid_token and audited without the token', async () => {
    const res = await confirm('abcdefghijklmnopqrstuvwxyz234567');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_token');
    const rows = await world().deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'password_reset').where('outcome', '=', 'invalid_token').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('abcdefghijklmnop');
  });

  test('two confirmations of one token at once: exactly one wins', async () => {
    const user = await createUser(world().deps);
    const token = await linkFor(user.email);
    const results = await Promise.all([confirm(token, 'first of two tries 11'), confirm(token, 'second of two tries 22')]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
  });

  test("a password the policy refuses is 400 on password, writes nothing, and leaves the link usable", async () => {
    const user = await createUser(world().deps);
    const token = await linkFor(user.email);
    const hash = await hashOf(user.id);
    for (const password of ['short', 'password123', 'wardline forever 2026']) {
      const res = await confirm(token, password);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.fields)).toEqual(['password']);
    }
    expect(await hashOf(user.id)).toBe(hash);
    expect((await confirm(token)).status).toBe(204);
  });

  test('a reset does not bypass two-step sign-in: the new password still asks for a code', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, [setupMfa, enableMfa], user);
    await turnOnMfa(c, world().deps);
    expect((await confirm(await linkFor(user.email))).status).toBe(204);
    const res = await testClient(world().deps, [login]).post('/api/auth/login', { json: { email: user.email, password: NEW } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true });
    expect(res.setCookie).toBeNull();
  });

  test('missing fields are 400 naming each', async () => {
    const res = await client().post('/api/auth/password-reset/confirm', { json: {} });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['password', 'token']);
  });

  test('a link of a user blacklisted since is 400 invalid_token', async () => {
    const user = await createUser(world().deps);
    const token = await linkFor(user.email);
    await world().deps.db.updateTable('users').set({ status: 'blacklisted' }).where('id', '=', user.id).execute();
    expect((await confirm(token)).body.error.code).toBe('invalid_token');
  });
});
