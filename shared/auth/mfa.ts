/**
 * The second factor's bookkeeping (issue 11, ADR 029): a user's factor row, checking a code (TOTP or a
 * recovery code) so that no code works twice, and the pending sign-in between the password and the code.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Cache } from '../runtime/deps';
import type { PasswordHasher } from './passwords';
import type { SessionSettings } from './sessions';
import { readCookie, serializeCookie } from '../http/cookies';
import { HttpError } from '../http/errors';
import { openSecret } from './secret-box';
import { newSessionToken, sessionIdFromToken } from './tokens';
import { looksLikeTotp, normaliseRecoveryCode, totpStep } from './totp';

/** 400 `invalid_code` (API.md): a wrong, used or stale code, TOTP or recovery alike. */
export const invalidCode = () => new HttpError(400, 'invalid_code', 'That code is not right. Check the time on your device and try the newest code.');

export async function loadFactor(db: Kysely<Database>, userId: string) {
  return db.selectFrom('mfa_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Whether the user has two-step sign-in on (a pending setup does not count). */
export async function hasMfa(db: Kysely<Database>, userId: string): Promise<boolean> {
  const factor = await db.selectFrom('mfa_factors').select('enabled_at').where('user_id', '=', userId).executeTakeFirst();
  return Boolean(factor?.enabled_at);
}

export type FactorUsed = 'totp' | 'recovery_code';

/**
 * Checks a code against the user's enabled factor and spends it: a TOTP code moves `last_used_step` past
 * its step (a conditional update, so the same code twice, even at once, works once); a recovery code is
 * marked used the same way. Answers which kind worked, or null.
 */
export async function spendSecondFactor(
  deps: { db: Kysely<Database>; passwords: PasswordHasher; secretKey: string },
  userId: string,
  code: string,
  now: Date,
): Promise<FactorUsed | null> {
  const { db } = deps;
  const factor = await loadFactor(db, userId);
  if (!factor?.enabled_at || !factor.secret) return null;
  if (looksLikeTotp(code)) {
    const secret = await openSecret(deps.secretKey, userId, factor.secret);
    const step = secret === null ? null : totpStep(secret, code, now);
    if (step === null) return null;
    const spent = await db
      .updateTable('mfa_factors')
      .set({ last_used_step: step, updated_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst();
    return Number(spent.numUpdatedRows) === 1 ? 'totp' : null;
  }
  const typed = normaliseRecoveryCode(code);
  if (!/^[a-z2-7]{5}-[a-z2-7]{5}$/.test(typed)) return null;
  const unused = await db.selectFrom('mfa_recovery_codes').select(['id', 'code_hash']).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  for (const row of unused) {
    if (!(await deps.passwords.verify(row.code_hash, typed))) continue;
    const spent = await db.updateTable('mfa_recovery_codes').set({ used_at: now.toISOString() }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    return Number(spent.numUpdatedRows) === 1 ? 'recovery_code' : null;
  }
  return null;
}

/** Between a right password and the code: five minutes, in the cache, under the token's hash. */
export const PENDING_LOGIN_MS = 5 * 60_000;
const pendingKey = (token: string) => `mfa-pending:${sessionIdFromToken(token)}`;
export const pendingCookieName = (secure: boolean) => (secure ? '__Host-wardline_mfa' : 'wardline_mfa');

export async function startPendingLogin(cache: Cache, userId: string, session: Pick<SessionSettings, 'secureCookie'>): Promise<string> {
  const token = newSessionToken();
  await cache.set(pendingKey(token), JSON.stringify({ userId }), PENDING_LOGIN_MS);
  return serializeCookie(pendingCookieName(session.secureCookie), token, { maxAgeSeconds: PENDING_LOGIN_MS / 1000, secure: session.secureCookie });
}

/** The pending sign-in this browser holds: its token and user, or null (none, or older than five minutes). */
export async function readPendingLogin(cache: Cache, cookieHeader: string | null | undefined, session: Pick<SessionSettings, 'secureCookie'>) {
  const token = readCookie(cookieHeader, pendingCookieName(session.secureCookie));
  if (!token || token.length > 256) return null;
  const raw = await cache.get(pendingKey(token));
  return raw ? { token, userId: (JSON.parse(raw) as { userId: string }).userId } : null;
}

export async function endPendingLogin(cache: Cache, token: string, session: Pick<SessionSettings, 'secureCookie'>): Promise<string> {
  await cache.del(pendingKey(token));
  return serializeCookie(pendingCookieName(session.secureCookie), '', { maxAgeSeconds: 0, secure: session.secureCookie });
}
