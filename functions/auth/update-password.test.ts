import { describe, expect, test } from 'vitest';
import { LOGIN_LIMITS } from '../../shared/auth/throttle';
import { JOBS } from '../../shared/jobs/names';
import { useTestWorld } from '../../tests/support/test-deps';
import { mailbox, signedIn } from '../../tests/support/accounts';
import { outboxRows } from '../../tests/support/outbox';
import { createUser } from '../../tests/support/users';
import login from './login';
import me from './me';
import updatePassword from './update-password';

const world = useTestWorld({ WEB_ORIGIN: 'https://wardline.example.org' });
const fns = [me, updatePassword];
const NEW = 'a brand new river stone 42';

const hashOf = async (id: string) => (await world().deps.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;

describe('POST /api/auth/password', () => {
  test('changes the password: 204, the new one signs in, the old does not, every other session ends, this one stays', async () => {
    const user = await createUser(world().deps);
    const here = await signedIn(world().deps, fns, user);
    const elsewhere = await signedIn(world().deps, fns, user);
    const res = await here.post('/api/auth/password', { json: { currentPassword: user.password, newPassword: NEW } });
    expect(res.status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    await expect(signedIn(world().deps, [], user)).rejects.toThrow(/401/);
    await signedIn(world().deps, [], { email: user.email, password: NEW });
  });

  test('an email tells the user, with a link to their sessions and never the password; the change is audited', async () => {
    const user = await createUser(world().deps, { name: 'Rosa Delgado' });
    const box = mailbox(world().deps);
    const c = await signedIn(world().deps, fns, user, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' });
    expect((await c.post('/api/auth/password', { json: { currentPassword: user.password, newPassword: NEW } })).status).toBe(204);
    const rows = (await outboxRows(world().deps)).filter((r) => r.payload.userId === user.id && r.payload.event !== 'new_device');
    expect(rows).toEqual([expect.objectContaining({ job: JOBS.accountNotice, payload: { userId: user.id, event: 'password_changed' } })]);
    await box.deliver();
    const mail = box.to(user.email).find((m) => m.subject.startsWith('Your password was changed'));
    expect(mail!.subject).toMatch(/^Your password was changed/);
    expect(mail!.text).toContain('https://wardline.example.org/account/sessions');
    expect(mail!.text + mail!.html).not.toContain(NEW);
    const audit = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'password_change').execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: user.id, outcome: 'ok' })]);
    expect(JSON.stringify(audit)).not.toContain(NEW);
  });

  test('a wrong current password is 400 naming currentPassword, changes nothing and counts as a failed sign-in', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const before = await hashOf(user.id);
    for (let i = 0; i < LOGIN_LIMITS.accountAddress.limit; i++) {
      const res = await c.post('/api/auth/password', { json: { currentPassword: `guess ${i}`, newPassword: NEW } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.fields)).toEqual(['currentPassword']);
      expect(res.text).not.toContain('guess');
    }
    // The sixth try from this address is throttled, the right password too: like sign-in.
    const throttled = await c.post('/api/auth/password', { json: { currentPassword: user.password, newPassword: NEW } });
    expect(throttled.status).toBe(429);
    expect(await hashOf(user.id)).toBe(before);
    const rows = await world().deps.db.selectFrom('audit_log').select(['outcome']).where('entity_id', '=', user.id).where('action', '=', 'password_change').execute();
    expect(rows.map((r) => r.outcome)).toEqual([...Array(LOGIN_LIMITS.accountAddress.limit).fill('wrong_password'), 'rate_limited']);
  });

  test("the new password follows registration's policy: 400 on newPassword, nothing written", async () => {
    const user = await createUser(world().deps, { name: 'Marguerite Okonkwo', password: 'old harbour lights 77' });
    const c = await signedIn(world().deps, fns, user);
    const before = await hashOf(user.id);
    for (const [newPassword, why] of [
      ['short', /at least/i],
      ['password123', /common/],
      ['marguerite forever 1', /name/],
      ['        ', /spaces|at least/],
      [user.password, /differ/],
    ] as const) {
      const res = await c.post('/api/auth/password', { json: { currentPassword: user.password, newPassword } });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['newPassword']);
      expect(res.body.error.fields.newPassword).toMatch(why);
    }
    expect(await hashOf(user.id)).toBe(before);
    expect((await outboxRows(world().deps)).filter((r) => r.payload.userId === user.id && r.payload.event !== 'new_device')).toEqual([]);
  });

  test('missing fields are 400 naming each; no session is 401', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const res = await c.post('/api/auth/password', { json: {} });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['currentPassword', 'newPassword']);
    c.cookie = null;
    expect((await c.post('/api/auth/password', { json: { currentPassword: user.password, newPassword: NEW } })).status).toBe(401);
  });

  test('every role may change its own password', async () => {
    for (const role of ['patient', 'doctor', 'admin'] as const) {
      const user = await createUser(world().deps, { role });
      const c = await signedIn(world().deps, [updatePassword, login], user);
      expect((await c.post('/api/auth/password', { json: { currentPassword: user.password, newPassword: NEW } })).status).toBe(204);
    }
  });
});
