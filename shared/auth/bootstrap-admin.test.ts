import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import login from '../../functions/auth/login';
import me from '../../functions/auth/me';
import { ConfigError, type Config } from '../config';
import { bootstrapAdmin } from './bootstrap-admin';
import { passwordProblem } from './password-policy';

const world = useTestWorld();

let n = 0;
/** The world's Deps with the admin settings of one start-up. */
function startWith(admin: Partial<Config['admin']>, overrides: Partial<Config> = {}) {
  const config: Config = { ...world().config, ...overrides, admin: { ...world().config.admin, ...admin } };
  return bootstrapAdmin({ ...world().deps, config });
}
const freshEmail = () => `chief${++n}@hospital.example`;
let address = 0;
const signIn = async (email: string, password: string) => {
  const c = testClient(world().deps, [login, me], { clientAddress: `10.5.0.${++address}` });
  const res = await c.post('/api/auth/login', { json: { email, password } });
  return { c, res };
};

describe('the admin account from configuration', () => {
  test('a first start without ADMIN_PASSWORD creates the admin with a generated password that passes the policy', async () => {
    const email = freshEmail();
    const first = await startWith({ email, password: undefined });
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[a-z2-7]{20}$/);
    expect(passwordProblem(first.generatedPassword!, { email, name: 'Administrator', hospitalName: world().config.hospitalName })).toBeNull();
    expect((await signIn(email, first.generatedPassword!)).res.status).toBe(200);
  });

  test('machines starting at once on one database (both find no admin) both start: one creates the account, the other finds it', async () => {
    const email = freshEmail();
    const password = 'one ward, many machines';
    const starts = await Promise.all([startWith({ email, password }), startWith({ email, password })]);
    expect(starts.map((s) => s.created).sort()).toEqual([false, true]);
    expect(await world().deps.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
    expect((await signIn(email, password)).res.status).toBe(200);
  });

  test('until the admin has signed in once, every start prints a new password; after that none', async () => {
    const email = freshEmail();
    const first = await startWith({ email, password: undefined });
    // The first start failed after printing (or the terminal was closed): the next start prints another.
    const second = await startWith({ email, password: undefined });
    expect(second.created).toBe(false);
    expect(second.generatedPassword).toBeDefined();
    expect(second.generatedPassword).not.toBe(first.generatedPassword);
    expect((await signIn(email, first.generatedPassword!)).res.status).toBe(401);
    expect((await signIn(email, second.generatedPassword!)).res.status).toBe(200);
    const third = await startWith({ email, password: undefined });
    expect(third.generatedPassword).toBeUndefined();
    expect((await signIn(email, second.generatedPassword!)).res.status).toBe(200);
  });

  test("a changed ADMIN_PASSWORD replaces the password and ends the admin's sessions; the same one again changes nothing", async () => {
    const email = freshEmail();
    await startWith({ email, password: 'first admin passphrase' });
    const { c } = await signIn(email, 'first admin passphrase');
    await startWith({ email, password: 'first admin passphrase' });
    expect((await c.get('/api/auth/me')).status).toBe(200);
    await startWith({ email, password: 'second admin passphrase' });
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await signIn(email, 'first admin passphrase')).res.status).toBe(401);
    expect((await signIn(email, 'second admin passphrase')).res.status).toBe(200);
  });

  test('a changed ADMIN_EMAIL disables the account the old value created, ends its sessions and says so; naming it again restores it', async () => {
    const [oldEmail, newEmail] = [freshEmail(), freshEmail()];
    await startWith({ email: oldEmail, password: 'old admin passphrase' });
    const { c } = await signIn(oldEmail, 'old admin passphrase');

    const moved = await startWith({ email: newEmail, password: 'new admin passphrase' });
    expect(moved.created).toBe(true);
    expect(moved.retired).toContain(oldEmail);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const refused = await signIn(oldEmail, 'old admin passphrase');
    expect(refused.res.status).toBe(403);
    expect(refused.res.body.error.code).toBe('account_disabled');
    expect(world().log.records.some((r) => r.level === 'warn' && r.fields?.email === oldEmail && /ADMIN_EMAIL changed/.test(r.message))).toBe(true);
    const admins = await world().deps.db.selectFrom('users').select('email').where('role', '=', 'admin').where('status', '=', 'active').execute();
    expect(admins.map((a) => a.email)).toEqual([newEmail]);

    const back = await startWith({ email: oldEmail, password: 'old admin passphrase' });
    expect(back.retired).toEqual([newEmail]);
    expect((await signIn(oldEmail, 'old admin passphrase')).res.status).toBe(200);
    expect((await signIn(newEmail, 'new admin passphrase')).res.status).toBe(403);
  });

  test('an ADMIN_EMAIL that belongs to a patient stops the start with a ConfigError', async () => {
    const patient = await createUser(world().deps);
    await expect(startWith({ email: patient.email, password: 'some admin passphrase' })).rejects.toBeInstanceOf(ConfigError);
  });

  test('production never generates a password', async () => {
    await expect(startWith({ email: freshEmail(), password: undefined }, { env: 'production' })).rejects.toThrow(/ADMIN_PASSWORD/);
  });
});
