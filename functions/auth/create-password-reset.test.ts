import { describe, expect, test } from 'vitest';
import { RESET_LIMITS } from '../../shared/auth/throttle';
import { JOBS } from '../../shared/jobs/names';
import { mailbox, resetTokenIn } from '../../tests/support/accounts';
import { testClient } from '../../tests/support/http';
import { outboxRows } from '../../tests/support/outbox';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import createPasswordReset from './create-password-reset';

const world = useTestWorld({ WEB_ORIGIN: 'https://wardline.example.org', HOSPITAL_TIMEZONE: 'Europe/London' });
let address = 0;
const client = () => testClient(world().deps, [createPasswordReset], { clientAddress: `10.66.${++address >> 8}.${address & 255}` });
const ask = (email: string, c = client()) => c.post('/api/auth/password-reset', { json: { email } });

describe('POST /api/auth/password-reset', () => {
  test('an account gets 202 and an email with a single-use link to WEB_ORIGIN/reset-password; only its hash is stored', async () => {
    const user = await createUser(world().deps, { name: 'Ines Barros' });
    const box = mailbox(world().deps);
    const res = await ask(` ${user.email.toUpperCase()} `);
    expect(res.status).toBe(202);
    expect(res.body.message).toMatch(/If an account has this address/);
    await box.deliver();
    const [mail] = box.to(user.email);
    expect(mail!.subject).toMatch(/^Reset your password/);
    expect(mail!.text).toMatch(/https:\/\/wardline\.example\.org\/reset-password\?token=[a-z2-7]{32}\b/);
    expect(mail!.text).toContain('1 December 2026, 08:30 (Europe/London)');
    const token = resetTokenIn(mail!);
    const rows = await world().deps.db.selectFrom('password_resets').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ expires_at: '2026-12-01T08:30:00.000Z', used_at: null });
    expect(JSON.stringify(rows)).not.toContain(token);
    // Nowhere else either: not in the outbox, not in the audit trail.
    const everywhere = JSON.stringify([await world().deps.db.selectFrom('outbox').selectAll().execute(), await world().deps.db.selectFrom('audit_log').selectAll().execute()]);
    expect(everywhere).not.toContain(token);
  });

  test('an address without an account gets the very same 202, an outbox job that finds nothing, and no email', async () => {
    const box = mailbox(world().deps);
    const known = await ask((await createUser(world().deps)).email);
    const before = (await outboxRows(world().deps)).length;
    const res = await ask('nobody.here@example.org');
    expect(res.status).toBe(202);
    expect(res.text).toBe(known.text);
    const rows = (await outboxRows(world().deps)).slice(before);
    expect(rows).toEqual([expect.objectContaining({ job: JOBS.passwordReset, payload: { userId: '', requestedAt: '2026-12-01T08:00:00.000Z' } })]);
    await box.deliver();
    expect(box.sent.filter((m) => m.to === 'nobody.here@example.org')).toEqual([]);
  });

  // The answer's time cannot tell the two apart because the work is the same: one lookup, the throttle, then one
  // outbox row and one audit row in one transaction; the token and the mail happen later, in the worker. This
  // holds that work equal; measuring the times belongs in the bench, not in a test on a shared machine.
  test('does the same work whether or not the address has an account: the same rows written, the same throttle', async () => {
    const { db } = world().deps;
    const user = await createUser(world().deps);
    const counts = async () => ({
      outbox: (await outboxRows(world().deps)).length,
      audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      resets: Number((await db.selectFrom('password_resets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    });
    const written = async (email: string) => {
      const before = await counts();
      expect((await ask(email)).status).toBe(202);
      const after = await counts();
      return { outbox: after.outbox - before.outbox, audit: after.audit - before.audit, resets: after.resets - before.resets };
    };
    const known = await written(user.email);
    const unknown = await written('no.account.at.all@example.org');
    expect(known).toEqual({ outbox: 1, audit: 1, resets: 0 });
    expect(unknown).toEqual(known);
    // Both count against the address asked for, alike: each is refused after the same number of requests.
    for (const email of [user.email, 'no.account.at.all@example.org']) {
      let answers = 1;
      while ((await ask(email)).status === 202) answers++;
      expect(answers, email).toBe(RESET_LIMITS.account.limit);
    }
  });

  test('throttled per address asked for (429 whether or not it has an account), and audited', async () => {
    const user = await createUser(world().deps);
    for (const email of [user.email, 'ghost.account@example.org']) {
      for (let i = 0; i < RESET_LIMITS.account.limit; i++) expect((await ask(email)).status).toBe(202);
      const res = await ask(email);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const rows = await world().deps.db.selectFrom('audit_log').select(['outcome']).where('entity_id', '=', user.id).where('action', '=', 'password_reset_request').execute();
    expect(rows.map((r) => r.outcome)).toEqual([...Array(RESET_LIMITS.account.limit).fill('ok'), 'rate_limited']);
  });

  test('throttled per requesting address across accounts', async () => {
    const c = client();
    for (let i = 0; i < RESET_LIMITS.address.limit; i++) expect((await ask(`spray.${i}@example.org`, c)).status).toBe(202);
    expect((await ask('one.more@example.org', c)).status).toBe(429);
  });

  test('a blacklisted account gets 202 and no email', async () => {
    const user = await createUser(world().deps, { status: 'blacklisted' });
    const box = mailbox(world().deps);
    expect((await ask(user.email)).status).toBe(202);
    await box.deliver();
    expect(box.to(user.email)).toEqual([]);
  });

  test('a job that runs after the link would have ended sends nothing', async () => {
    const user = await createUser(world().deps);
    const box = mailbox(world().deps);
    expect((await ask(user.email)).status).toBe(202);
    world().clock.advance(31 * 60_000);
    try {
      await box.deliver();
    } finally {
      world().clock.set('2026-12-01T08:00:00.000Z');
    }
    expect(box.to(user.email)).toEqual([]);
  });

  test('bad input is 400 naming email, never echoing it, nothing written', async () => {
    const before = (await outboxRows(world().deps)).length;
    const res = await ask('SECRET-not-an-email');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['email']);
    expect(res.text).not.toContain('SECRET');
    expect((await outboxRows(world().deps)).length).toBe(before);
  });
});
