/**
 * Sign-in throttling (OWASP ASVS 2.2.1): failed attempts are counted per account and per client
 * address in fixed windows kept in the cache (Redis). Past the limit, sign-in answers 429 with
 * Retry-After until the window ends, whether or not the password is right, so guessing stops paying.
 */
import type { Cache } from '../runtime/deps';

export interface ThrottleRule {
  limit: number;
  windowMs: number;
}

export const LOGIN_LIMITS = {
  /** Per account: a person mistyping gets five tries; an attacker gets five every 15 minutes. */
  account: { limit: 5, windowMs: 15 * 60_000 },
  /**
   * Per address: a clinic's shared network (one NAT address for a whole ward) may hold many users who
   * each mistype now and then, so the bar is far higher; it still stops spraying from one address.
   */
  address: { limit: 100, windowMs: 15 * 60_000 },
} satisfies Record<string, ThrottleRule>;

const accountKey = (email: string) => `login-fail:account:${email}`;
const addressKey = (ip: string) => `login-fail:ip:${ip}`;

/** Seconds to wait when either counter is at its limit; null when sign-in may proceed. */
export async function loginRetryAfter(cache: Cache, email: string, ip: string): Promise<number | null> {
  const checks: Array<[string, ThrottleRule]> = [
    [accountKey(email), LOGIN_LIMITS.account],
    [addressKey(ip), LOGIN_LIMITS.address],
  ];
  let wait: number | null = null;
  for (const [key, rule] of checks) {
    const count = Number((await cache.get(key)) ?? 0);
    if (count >= rule.limit) {
      const ttl = (await cache.ttlMs(key)) ?? rule.windowMs;
      wait = Math.max(wait ?? 0, Math.max(1, Math.ceil(ttl / 1000)));
    }
  }
  return wait;
}

export async function recordLoginFailure(cache: Cache, email: string, ip: string): Promise<void> {
  await cache.incr(accountKey(email), LOGIN_LIMITS.account.windowMs);
  await cache.incr(addressKey(ip), LOGIN_LIMITS.address.windowMs);
}

/** A successful sign-in clears the account's counter (the address counter runs out on its own). */
export async function clearLoginFailures(cache: Cache, email: string): Promise<void> {
  await cache.del(accountKey(email));
}
