/**
 * Password reset tokens: 160 random bits in the link; the database keeps only their SHA-256 (a leak of
 * it hands out no working link). SHA-256 without a salt or a slow hash is enough for random tokens of
 * this size: there is no dictionary to try.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { sessionIdFromToken } from './tokens';

/** A link works for 30 minutes after it was asked for (API.md). */
export const RESET_TTL_MS = 30 * 60_000;

export function newResetToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashResetToken(token: string): string {
  return sessionIdFromToken(`wardline-password-reset.${token}`);
}
