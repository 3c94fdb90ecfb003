/**
 * POST /api/auth/login: email and password in, a new session cookie out (API.md "Auth").
 * An unknown email and a wrong password get the same 401, after the same amount of hashing work.
 * Each attempt is reserved against the throttling counters *before* the password is checked (per account
 * and address, per account, per address: shared/auth/throttle.ts), so parallel guesses cannot outrun
 * them; a browser that signed in to the account before is exempt from the per-account lock (ADR 011).
 * A user with two-step sign-in on gets `{ mfaRequired: true }` and a five-minute pending cookie instead of
 * a session: POST /api/auth/login/mfa with a code finishes the sign-in (ADR 029).
 */
import * as v from 'valibot';
import { deviceCookieAfterSignIn, isTrustedDevice } from '../../shared/auth/device-cookie';
import { startPendingLogin } from '../../shared/auth/mfa';
import { recordSignIn } from '../../shared/auth/record-sign-in';
import { loginSucceeded, releaseLoginAttempt, reserveLoginAttempt } from '../../shared/auth/throttle';
import { toUserDto } from '../../shared/auth/user-dto';
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { accountDisabled, HttpError, rateLimited } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { LoginInput, MfaRequiredResponse, UserResponse } from '../../shared/schemas/auth';
import type { PasswordHasher } from '../../shared/auth/passwords';

const badCredentials = () => new HttpError(401, 'unauthenticated', 'The email or password is not right.');

/** A hash to verify against when the email is unknown, so both cases cost the same. */
let decoyHash: Promise<string> | undefined;
const decoy = (passwords: PasswordHasher) => (decoyHash ??= passwords.hash('decoy password for timing only'));

const app = newFunction().post(
  '/auth/login',
  describe({
    summary: 'Sign in',
    operationId: 'signIn',
    responses: {
      200: {
        schema: v.union([UserResponse, MfaRequiredResponse]),
        headers: { 'Set-Cookie': 'a new session cookie and the long-lived device cookie; or, with two-step sign-in on, only a five-minute pending cookie for POST /api/auth/login/mfa' },
      },
    },
    errors: { 401: 'unauthenticated: the email or password is not right (the same answer whether the email exists or not)', 403: 'account_disabled', 429: 'rate_limited' },
    needs: ['database', 'redis'],
  }),
  body(LoginInput),
  async (c) => {
    const { db, passwords, sessions, cache, clock, config } = c.env.deps;
    const { email, password } = c.req.valid('json');
    const source = requestSource(c);
    const cookies = c.req.header('cookie');
    const device = { secretKey: config.secretKey, secure: config.session.secureCookie };

    const user = await db
      .selectFrom('users')
      // A removed doctor (their row kept for history) is disabled like a blacklisted account.
      .leftJoin('doctors', 'doctors.user_id', 'users.id')
      .leftJoin('mfa_factors', 'mfa_factors.user_id', 'users.id')
      .select(['users.id', 'users.role', 'users.name', 'users.email', 'users.status', 'users.password_hash', 'doctors.deleted_at', 'mfa_factors.enabled_at as mfa_enabled_at'])
      .where('users.email', '=', email)
      .executeTakeFirst();
    // The account is the subject of every row below, never the actor: nobody has signed in yet.
    const audit = (action: string) => writeAudit(db, { at: clock(), actorId: null, action, entity: 'user', entityId: user?.id ?? null, ...source });

    const attempt = await reserveLoginAttempt(cache, email, source.ip, user !== undefined && isTrustedDevice(cookies, user.id, device));
    if (!attempt.ok) {
      await audit('login_throttled');
      throw rateLimited(attempt.retryAfterSeconds);
    }

    const valid = await passwords.verify(user?.password_hash ?? (await decoy(passwords)), password);
    if (!user || !valid) {
      // The reservation stays: it is this failure's count.
      await audit('login_failed');
      throw badCredentials();
    }
    if (user.status !== 'active' || user.deleted_at) {
      await releaseLoginAttempt(cache, attempt);
      await audit('login_disabled');
      throw accountDisabled();
    }

    if (user.mfa_enabled_at) {
      // The password was right; the code decides. No session until then. The reservation goes back, but this
      // address's failures on the account are not forgotten: wrong codes count there, and a right password
      // must not wipe them (else password, four guesses, password, four guesses... never stops).
      await releaseLoginAttempt(cache, attempt);
      c.header('Set-Cookie', await startPendingLogin(cache, user.id, config.session));
      await audit('login_mfa_required');
      return c.json({ mfaRequired: true as const }, 200);
    }
    await loginSucceeded(cache, attempt, email, source.ip);
    // A new session at every sign-in; the one this browser carried before (if any) dies now.
    const previous = sessions.readToken(cookies);
    if (previous) await sessions.invalidate(previous);
    const session = await sessions.create(user.id, source);
    // A browser that never signed in to this account: the owner hears of it by email.
    await recordSignIn(db, { userId: user.id, role: user.role, at: clock(), ...source, knownDevice: isTrustedDevice(cookies, user.id, device) });
    c.header('Set-Cookie', session.cookie);
    c.header('Set-Cookie', deviceCookieAfterSignIn(cookies, user.id, device), { append: true });
    return c.json({ user: toUserDto(user) }, 200);
  },
);

export default app;
