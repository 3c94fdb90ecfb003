/**
 * POST /api/auth/login/mfa: the second step of signing in for a user with two-step sign-in on. The browser
 * carries the pending cookie a right password got it (five minutes); the body holds a TOTP code or an
 * unused recovery code. 200 `{ user }` with a new session cookie; 400 `invalid_code`; 401 without a live
 * pending sign-in. Codes are counted on the sign-in throttle of that account (like passwords), and each
 * code works once (shared/auth/mfa.ts).
 */
import { deviceCookieAfterSignIn, isTrustedDevice } from '../../shared/auth/device-cookie';
import { endPendingLogin, invalidCode, readPendingLogin, spendSecondFactor } from '../../shared/auth/mfa';
import { loginSucceeded, reserveLoginAttempt } from '../../shared/auth/throttle';
import { recordSignIn } from '../../shared/auth/record-sign-in';
import { toUserDto } from '../../shared/auth/user-dto';
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { HttpError, rateLimited } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { MfaCodeInput, UserResponse } from '../../shared/schemas/auth';

const noPendingSignIn = () => new HttpError(401, 'unauthenticated', 'Sign in with your password again: the code must follow it within five minutes.');

const app = newFunction().post(
  '/auth/login/mfa',
  describe({
    summary: 'Finish signing in with a code',
    operationId: 'signInWithCode',
    responses: { 200: { schema: UserResponse, headers: { 'Set-Cookie': 'a new session cookie, the device cookie, and the pending cookie cleared' } } },
    errors: { 400: 'invalid_code: a wrong, used or stale code', 401: 'unauthenticated: no pending sign-in (none, or older than five minutes)', 429: 'rate_limited' },
    needs: ['database', 'redis'],
  }),
  body(MfaCodeInput),
  async (c) => {
    const { db, passwords, sessions, cache, clock, config } = c.env.deps;
    const { code } = c.req.valid('json');
    const cookies = c.req.header('cookie');
    const source = requestSource(c);
    const now = clock();
    const pending = await readPendingLogin(cache, cookies, config.session);
    if (!pending) throw noPendingSignIn();
    const user = await db.selectFrom('users').select(['id', 'role', 'name', 'email', 'status']).where('id', '=', pending.userId).executeTakeFirst();
    if (!user || user.status !== 'active') throw noPendingSignIn();
    const audit = (action: string, outcome: string) => writeAudit(db, { at: now, actorId: null, action, entity: 'user', entityId: user.id, outcome, ...source });

    const device = { secretKey: config.secretKey, secure: config.session.secureCookie };
    const attempt = await reserveLoginAttempt(cache, user.email, source.ip, isTrustedDevice(cookies, user.id, device));
    if (!attempt.ok) {
      await audit('login_mfa_failed', 'rate_limited');
      throw rateLimited(attempt.retryAfterSeconds);
    }
    const used = await spendSecondFactor({ db, passwords, secretKey: config.secretKey }, user.id, code, now);
    if (!used) {
      // The reservation stays: it is this failure's count.
      await audit('login_mfa_failed', 'invalid_code');
      throw invalidCode();
    }
    await loginSucceeded(cache, attempt, user.email, source.ip);
    const clearPending = await endPendingLogin(cache, pending.token, config.session);
    const previous = sessions.readToken(cookies);
    if (previous) await sessions.invalidate(previous);
    const session = await sessions.create(user.id, source);
    await recordSignIn(db, { userId: user.id, role: user.role, at: now, ...source, knownDevice: isTrustedDevice(cookies, user.id, device), detail: { factor: used } });
    c.header('Set-Cookie', session.cookie);
    c.header('Set-Cookie', deviceCookieAfterSignIn(cookies, user.id, device), { append: true });
    c.header('Set-Cookie', clearPending, { append: true });
    return c.json({ user: toUserDto(user) }, 200);
  },
);

export default app;
