/**
 * Session tokens: 160 random bits for the cookie; only the SHA-256 of the token is stored, so a leak
 * of the session store does not hand out live cookies.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

const encoder = new TextEncoder();

export function newSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Runs on every signed-in request: @noble/hashes' SHA-256 (pure JS, so the Worker has it too) is the quicker one. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(token)));
}
