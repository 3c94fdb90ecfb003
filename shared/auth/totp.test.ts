import { describe, expect, test } from 'vitest';
import { deviceName } from './device-name';
import { openSecret, sealSecret } from './secret-box';
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, stepAt, totpCodeAt, totpStep } from './totp';

const NOW = new Date('2026-12-01T08:00:10.000Z');

describe('TOTP (RFC 6238)', () => {
  test("the RFC's SHA-1 test vector: 94287082 at 59 s, so 287082 in six digits", () => {
    // RFC 6238 appendix B, the ASCII secret "12345678901234567890" in base32.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCodeAt(secret, new Date(59_000))).toBe('287082');
    expect(totpStep(secret, '287082', new Date(59_000))).toBe(1);
  });

  test('a code of the step before or after is accepted with its own step; two steps off is not; spaces are fine', () => {
    const secret = newTotpSecret();
    const now = stepAt(NOW);
    for (const delta of [-1, 0, 1]) expect(totpStep(secret, totpCodeAt(secret, new Date(NOW.getTime() + delta * 30_000)), NOW)).toBe(now + delta);
    for (const delta of [-2, 2]) expect(totpStep(secret, totpCodeAt(secret, new Date(NOW.getTime() + delta * 30_000)), NOW)).toBeNull();
    const code = totpCodeAt(secret, NOW);
    expect(totpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, NOW)).toBe(now);
    expect(totpStep(secret, 'abcdef', NOW)).toBeNull();
  });

  test('secrets are 160 random bits; recovery codes are ten distinct xxxxx-xxxxx codes; typed forms normalise', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(newTotpSecret());
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(normaliseRecoveryCode(' ABCDE fghij ')).toBe('abcde-fghij');
  });
});

describe('secrets at rest (AES-256-GCM)', () => {
  test('open with the same key and owner only; the ciphertext differs every time', async () => {
    const key = 'k'.repeat(40);
    const sealed = await sealSecret(key, 'user-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(await sealSecret(key, 'user-1', 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(await openSecret(key, 'user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(await openSecret(key, 'user-2', sealed)).toBeNull();
    expect(await openSecret('o'.repeat(40), 'user-1', sealed)).toBeNull();
    expect(await openSecret(key, 'user-1', `${sealed}x`)).toBeNull();
    expect(await openSecret(key, 'user-1', 'garbage')).toBeNull();
  });
});

describe('device names', () => {
  test.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Mobile Safari on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Windows'],
    ['curl/8.5.0', 'curl'],
    [null, 'Unknown device'],
  ])('%s is %s', (ua, name) => {
    expect(deviceName(ua)).toBe(name);
  });
});
