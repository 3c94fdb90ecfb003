/**
 * TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, the parameters every authenticator
 * app understands. A code of the step before or after now is accepted (clock drift of ±1 step); the caller
 * refuses a step at or before the last one used, so a code cannot be used twice. Recovery codes: ten
 * `xxxxx-xxxxx` codes of 50 random bits each. Pure apart from randomness: runs in workerd too.
 */
import * as OTPAuth from 'otpauth';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

const totp = (secret: string, label = 'account', issuer = 'Wardline') =>
  new OTPAuth.TOTP({ issuer, label, secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS });

/** A new shared secret, base32 (160 bits, RFC 4226's recommendation). */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The `otpauth://` URL an authenticator app reads from the QR code. */
export function otpauthUrl(secret: string, account: string, issuer: string): string {
  return totp(secret, account, issuer).toString();
}

/** The time step of an instant. */
export const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** A code as people type it: "123 456" is "123456". */
export const asTotpCode = (code: string) => code.replace(/[\s-]/g, '');
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(asTotpCode(code));

/** The step whose code this is (now, or one step either side), or null. */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = asTotpCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : stepAt(now) + delta;
}

/** The code of an instant (tests, and nothing else, need to make one). */
export function totpCodeAt(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(7);
    crypto.getRandomValues(bytes);
    const text = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** A recovery code as typed ("ABCDE FGHIJ", "abcde-fghij") in the form it was hashed in. */
export function normaliseRecoveryCode(code: string): string {
  const plain = code.toLowerCase().replace(/[\s-]/g, '');
  return plain.length === 10 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain;
}
