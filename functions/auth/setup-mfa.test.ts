import { describe, expect, test } from 'vitest';
import { openSecret } from '../../shared/auth/secret-box';
import { totpCodeAt } from '../../shared/auth/totp';
import { signedIn, turnOnMfa } from '../../tests/support/accounts';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import enableMfa from './enable-mfa';
import setupMfa from './setup-mfa';

const world = useTestWorld({ HOSPITAL_NAME: 'St Brigid Hospital' });
const fns = [setupMfa, enableMfa];

describe('POST /api/auth/mfa/setup', () => {
  test('answers the secret, an otpauth URL and a QR code as SVG; the secret is stored only encrypted, as pending', async () => {
    for (const role of ['patient', 'doctor', 'admin'] as const) {
      const user = await createUser(world().deps, { role });
      const c = await signedIn(world().deps, fns, user);
      const res = await c.post('/api/auth/mfa/setup');
      expect(res.status).toBe(200);
      const { secret, otpauthUrl, qrSvg } = res.body;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const url = new URL(otpauthUrl);
      expect(url.protocol).toBe('otpauth:');
      expect(url.searchParams.get('secret')).toBe(secret);
      expect(url.searchParams.get('issuer')).toBe('St Brigid Hospital');
      expect(url.searchParams.get('period')).toBe('30');
      expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const row = await world().deps.db.selectFrom('mfa_factors').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ secret: null, enabled_at: null });
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(await openSecret(world().config.secretKey, user.id, row.pending_secret!)).toBe(secret);
      // Bound to its owner: the same ciphertext does not open as another user's.
      expect(await openSecret(world().config.secretKey, 'someone-else', row.pending_secret!)).toBeNull();
    }
  });

  test('a second setup replaces the pending secret: only the newest one enables', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const first = (await c.post('/api/auth/mfa/setup')).body.secret;
    const second = (await c.post('/api/auth/mfa/setup')).body.secret;
    expect(second).not.toBe(first);
    expect((await c.post('/api/auth/mfa/enable', { json: { code: totpCodeAt(first, world().clock()) } })).body.error.code).toBe('invalid_code');
    expect((await c.post('/api/auth/mfa/enable', { json: { code: totpCodeAt(second, world().clock()) } })).status).toBe(200);
  });

  test('409 mfa_enabled once it is on; 401 without a session; audited without the secret', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const { secret } = await turnOnMfa(c, world().deps);
    const res = await c.post('/api/auth/mfa/setup');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('mfa_enabled');
    const audit = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', 'in', ['mfa_setup', 'mfa_enable']).execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['mfa_enable', 'mfa_setup']);
    expect(JSON.stringify(audit)).not.toContain(secret);
    c.cookie = null;
    expect((await c.post('/api/auth/mfa/setup')).status).toBe(401);
  });
});
