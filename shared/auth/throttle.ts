/**
 * Throttling of sign-in and registration (ADR 011; OWASP ASVS 5.0 V6.3, OWASP's device-cookie scheme).
 *
 * Sign-in failures are counted in three fixed windows kept in the cache (Redis):
 * - per account and address: the tight limit. A person mistyping gets five tries per 15 minutes.
 * - per account across all addresses: the loose limit, 100 failures an hour (ASVS). A browser that has
 *   signed in to the account before (a valid device cookie) is exempt from it, so an attack from many
 *   addresses cannot lock the owner out.
 * - per address across all accounts: 100 per 15 minutes. A ward behind one NAT address holds many
 *   people who mistype now and then; it still stops spraying from one address.
 *
 * Counting is a reservation made in one atomic step *before* the password is checked: a burst of N
 * parallel guesses gets at most the limit verified, the rest 429. A sign-in that succeeds (or turns out
 * not to be a guess: a disabled account) gives its reservation back; a failure keeps it as the count.
 */
import type { Cache, CounterRule } from '../runtime/deps';

const MINUTE = 60_000;

export const LOGIN_LIMITS = {
  accountAddress: { limit: 5, windowMs: 15 * MINUTE },
  account: { limit: 100, windowMs: 60 * MINUTE },
  address: { limit: 100, windowMs: 15 * MINUTE },
} as const;

/** New accounts per address: each costs an argon2 hash and a row; a family or a reception desk needs few. */
export const REGISTER_LIMIT = { limit: 10, windowMs: 60 * MINUTE } as const;

const at = (ip: string | null) => ip ?? 'unknown';

export const throttleKeys = {
  accountAddress: (email: string, ip: string | null) => `login-fail:account-ip:${email}:${at(ip)}`,
  account: (email: string) => `login-fail:account:${email}`,
  address: (ip: string | null) => `login-fail:ip:${at(ip)}`,
  register: (ip: string | null) => `register:ip:${at(ip)}`,
};

export type Attempt = { ok: true; counters: CounterRule[] } | { ok: false; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Reserves one sign-in attempt for this account from this address, before the password is checked. */
export async function reserveLoginAttempt(cache: Cache, email: string, ip: string | null, trustedDevice: boolean): Promise<Attempt> {
  const counters: CounterRule[] = [
    { key: throttleKeys.accountAddress(email, ip), ...LOGIN_LIMITS.accountAddress },
    { key: throttleKeys.address(ip), ...LOGIN_LIMITS.address },
  ];
  if (!trustedDevice) counters.push({ key: throttleKeys.account(email), ...LOGIN_LIMITS.account });
  const reservation = await cache.reserve(counters);
  return reservation.ok ? { ok: true, counters } : { ok: false, retryAfterSeconds: seconds(reservation.retryAfterMs) };
}

/** The attempt was not a failed guess: give its reservation back on every counter. */
export async function releaseLoginAttempt(cache: Cache, attempt: Extract<Attempt, { ok: true }>): Promise<void> {
  await cache.release(attempt.counters.map((c) => c.key));
}

/**
 * A successful sign-in: its reservation goes back, and this account's failures from this address are
 * forgotten (the person got in; their earlier typos no longer count against them here).
 */
export async function loginSucceeded(cache: Cache, attempt: Extract<Attempt, { ok: true }>, email: string, ip: string | null): Promise<void> {
  const pair = throttleKeys.accountAddress(email, ip);
  await cache.release(
    attempt.counters.map((c) => c.key).filter((key) => key !== pair),
    [pair],
  );
}

/** Reserves one registration from this address; refused past REGISTER_LIMIT an hour. */
export async function reserveRegistration(cache: Cache, ip: string | null): Promise<Attempt> {
  const counters = [{ key: throttleKeys.register(ip), ...REGISTER_LIMIT }];
  const reservation = await cache.reserve(counters);
  return reservation.ok ? { ok: true, counters } : { ok: false, retryAfterSeconds: seconds(reservation.retryAfterMs) };
}

/**
 * Password reset requests (issue 11): per address (asked for the address typed, whether or not it has an
 * account, so the limit itself tells nothing) and per address of the requester. Each request sends a mail.
 */
export const RESET_LIMITS = {
  account: { limit: 5, windowMs: 60 * MINUTE },
  address: { limit: 20, windowMs: 60 * MINUTE },
} as const;

/** Reset confirmations per address: a token has 160 bits, so this only stops a flood. */
export const RESET_CONFIRM_LIMIT = { limit: 20, windowMs: 15 * MINUTE } as const;

const resetKeys = {
  account: (email: string) => `reset:account:${email}`,
  address: (ip: string | null) => `reset:ip:${at(ip)}`,
  confirm: (ip: string | null) => `reset-confirm:ip:${at(ip)}`,
};

export async function reserveResetRequest(cache: Cache, email: string, ip: string | null): Promise<Attempt> {
  const counters: CounterRule[] = [
    { key: resetKeys.account(email), ...RESET_LIMITS.account },
    { key: resetKeys.address(ip), ...RESET_LIMITS.address },
  ];
  const reservation = await cache.reserve(counters);
  return reservation.ok ? { ok: true, counters } : { ok: false, retryAfterSeconds: seconds(reservation.retryAfterMs) };
}

export async function reserveResetConfirm(cache: Cache, ip: string | null): Promise<Attempt> {
  const counters = [{ key: resetKeys.confirm(ip), ...RESET_CONFIRM_LIMIT }];
  const reservation = await cache.reserve(counters);
  return reservation.ok ? { ok: true, counters } : { ok: false, retryAfterSeconds: seconds(reservation.retryAfterMs) };
}
