/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"; ADR 011).
 *
 * After a successful sign-in the browser gets a long-lived, signed cookie that says "this browser has
 * signed in to account X before". A sign-in from such a browser is exempt from the per-account lock, so
 * an attacker who fails 100 times an hour against an account from many addresses locks out only the
 * browsers that never signed in to it, not its owner's.
 *
 * The value is a list (newest first, at most MAX_ENTRIES accounts: a shared family or ward computer) of
 * `<userId>.<nonce>.<signature>`, the signature an HMAC-SHA256 under SECRET_KEY. Nothing in it is secret
 * or personal beyond an opaque user id; it cannot be forged without the key. Pure: runs in workerd too.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { readCookie, serializeCookie } from '../http/cookies';

export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
const MAX_ENTRIES = 5;
const encoder = new TextEncoder();

export interface DeviceCookieSettings {
  secretKey: string;
  /** Behind HTTPS: Secure, and the __Host- prefix as for the session cookie. */
  secure: boolean;
}

export const deviceCookieName = (secure: boolean) => (secure ? '__Host-wardline_device' : 'wardline_device');

function sign(secretKey: string, userId: string, nonce: string): string {
  return encodeBase64urlNoPadding(hmac(SHA256, encoder.encode(secretKey), encoder.encode(`wardline-device-v1.${userId}.${nonce}`)));
}

function entriesOf(value: string | null): string[] {
  return value ? value.split('~').slice(0, MAX_ENTRIES) : [];
}

function verifyEntry(secretKey: string, entry: string): string | null {
  const [userId, nonce, signature, ...rest] = entry.split('.');
  if (!userId || !nonce || !signature || rest.length > 0) return null;
  try {
    const expected = decodeBase64urlIgnorePadding(sign(secretKey, userId, nonce));
    return constantTimeEqual(decodeBase64urlIgnorePadding(signature), expected) ? userId : null;
  } catch {
    return null;
  }
}

/** Whether the browser that sent this Cookie header has signed in to `userId` before. */
export function isTrustedDevice(cookieHeader: string | null | undefined, userId: string, settings: DeviceCookieSettings): boolean {
  const value = readCookie(cookieHeader, deviceCookieName(settings.secure));
  return entriesOf(value).some((entry) => verifyEntry(settings.secretKey, entry) === userId);
}

/** The Set-Cookie value after `userId` signed in from this browser: their entry first, the rest kept. */
export function deviceCookieAfterSignIn(cookieHeader: string | null | undefined, userId: string, settings: DeviceCookieSettings): string {
  const name = deviceCookieName(settings.secure);
  const others = entriesOf(readCookie(cookieHeader, name)).filter((entry) => {
    const owner = verifyEntry(settings.secretKey, entry);
    return owner !== null && owner !== userId;
  });
  const nonceBytes = new Uint8Array(12);
  crypto.getRandomValues(nonceBytes);
  const nonce = encodeBase64urlNoPadding(nonceBytes);
  const entry = `${userId}.${nonce}.${sign(settings.secretKey, userId, nonce)}`;
  return serializeCookie(name, [entry, ...others].slice(0, MAX_ENTRIES).join('~'), {
    maxAgeSeconds: DEVICE_COOKIE_MAX_AGE_SECONDS,
    secure: settings.secure,
  });
}
