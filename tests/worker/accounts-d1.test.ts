/**
 * The account endpoints (issue 11) in the Worker on D1, where a transaction is a batch and a conditional
 * write inside one reports no affected rows (shared/runtime/worker/d1-database.ts): changing a password,
 * MFA from setup to a sign-in with a code (AES-GCM and TOTP on WebCrypto in workerd), a reset token spent once,
 * and the sessions list. The user is put straight into D1 with a Node-made hash.
 */
import { hash } from '@node-rs/argon2';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashResetToken } from '../../shared/auth/reset-tokens';
import { totpCodeAt } from '../../shared/auth/totp';
import { startWorker, type TestWorker } from '../support/worker';

const ORIGIN = 'http://localhost:8787';
const PASSWORD = 'quiet harbour lantern 42';
const NEW_PASSWORD = 'amber tide over stones 7';

let worker: TestWorker | undefined;
let mf: Miniflare;

const send = async (path: string, init: { method?: string; json?: unknown; cookie?: string } = {}) => {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await mf.dispatchFetch(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) } as never);
  const text = await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any, cookies };
};
const signIn = async (password: string) => send('/api/auth/login', { method: 'POST', json: { email: 'pat-1@example.org', password } });

beforeAll(async () => {
  worker = await startWorker({ name: 'accounts' });
  mf = worker.mf;
  expect((await mf.dispatchFetch(`${ORIGIN}/api/health`)).status).toBe(200); // migrates D1
  const db = await mf.getD1Database('DB');
  const at = new Date().toISOString();
  await db.batch([
    db
      .prepare("insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values ('pat-1', 'patient', 'pat-1@example.org', 'Ada Lovelace', ?, 'active', ?, ?)")
      .bind(await hash(PASSWORD), at, at),
    db.prepare("insert into patients (user_id, phone, date_of_birth, gender, address, blood_group, created_at, updated_at) values ('pat-1', null, null, null, null, null, ?, ?)").bind(at, at),
  ]);
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
});

describe('accounts in the Worker on D1', () => {
  test('change the password, list and end sessions, MFA on and a sign-in with a code, a reset token used once', async () => {
    const first = await signIn(PASSWORD);
    expect(first.status).toBe(200);
    const other = await signIn(PASSWORD);
    const cookie = first.cookies.join('; ');

    // Sessions: two, this one current; the other ended by its id.
    const list = await send('/api/auth/sessions', { cookie });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const otherId = list.body.items.find((s: { current: boolean }) => !s.current).id;
    expect((await send(`/api/auth/sessions/${otherId}`, { method: 'DELETE', cookie })).status).toBe(204);
    expect((await send('/api/auth/me', { cookie: other.cookies.join('; ') })).status).toBe(401);

    // Change the password.
    expect((await send('/api/auth/password', { method: 'POST', cookie, json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } })).status).toBe(204);
    expect((await signIn(PASSWORD)).status).toBe(401);

    // MFA: setup, enable with the current step's code, then a sign-in finished with the next step's.
    const setup = await send('/api/auth/mfa/setup', { method: 'POST', cookie });
    expect(setup.status).toBe(200);
    const enable = await send('/api/auth/mfa/enable', { method: 'POST', cookie, json: { code: totpCodeAt(setup.body.secret, new Date()) } });
    expect(enable.status).toBe(200);
    expect(enable.body.recoveryCodes).toHaveLength(10);
    const pending = await signIn(NEW_PASSWORD);
    expect(pending.body).toEqual({ mfaRequired: true });
    const done = await send('/api/auth/login/mfa', { method: 'POST', cookie: pending.cookies.join('; '), json: { code: totpCodeAt(setup.body.secret, new Date(Date.now() + 30_000)) } });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe('pat-1');
    const again = await signIn(NEW_PASSWORD);
    const recovery = await send('/api/auth/login/mfa', { method: 'POST', cookie: again.cookies.join('; '), json: { code: enable.body.recoveryCodes[0] } });
    expect(recovery.status).toBe(200);

    // A reset token (as the job would store it) works once.
    const db = await mf.getD1Database('DB');
    const token = 'abcdefghijklmnopqrstuvwxyz234567';
    const now = new Date();
    await db
      .prepare("insert into password_resets (id, user_id, token_hash, created_at, expires_at, used_at) values ('reset-1', 'pat-1', ?, ?, ?, null)")
      .bind(hashResetToken(token), now.toISOString(), new Date(now.getTime() + 30 * 60_000).toISOString())
      .run();
    expect((await send('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password: 'a third river crossing 5' } })).status).toBe(204);
    const reused = await send('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password: 'a fourth river crossing 6' } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_token');
    expect((await send('/api/auth/me', { cookie: done.cookies.join('; ') })).status).toBe(401);
  });
});
