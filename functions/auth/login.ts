/**
 * POST /api/auth/login: email and password in, a new session cookie out (API.md "Auth").
 * An unknown email and a wrong password get the same 401, after the same amount of hashing work.
 * Failures are throttled per account and per address (429 with Retry-After).
 */
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from '../../shared/auth/throttle';
import { toUserDto } from '../../shared/auth/user-dto';
import { writeAudit } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { clientAddress } from '../../shared/http/client-address';
import { accountDisabled, HttpError, rateLimited } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { LoginInput, UserResponse } from '../../shared/schemas/auth';
import type { PasswordHasher } from '../../shared/auth/passwords';

const badCredentials = () => new HttpError(401, 'unauthenticated', 'The email or password is not right.');

/** A hash to verify against when the email is unknown, so both cases cost the same. */
let decoyHash: Promise<string> | undefined;
const decoy = (passwords: PasswordHasher) => (decoyHash ??= passwords.hash('decoy password for timing only'));

const app = newFunction().post('/auth/login', describe({ summary: 'Sign in', operationId: 'signIn', responses: { 200: { schema: UserResponse, headers: { 'Set-Cookie': 'a new session cookie' } } }, errors: { 401: 'unauthenticated: the email or password is not right (the same answer whether the email exists or not)', 403: 'account_disabled', 429: 'rate_limited' }, needs: ['database', 'redis'] }), body(LoginInput), async (c) => {
  const { db, passwords, sessions, cache, clock } = c.env.deps;
  const { email, password } = c.req.valid('json');
  const ip = clientAddress(c);

  const wait = await loginRetryAfter(cache, email, ip);
  if (wait !== null) throw rateLimited(wait);

  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'name', 'email', 'status', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  const valid = await passwords.verify(user?.password_hash ?? (await decoy(passwords)), password);
  if (!user || !valid) {
    await recordLoginFailure(cache, email, ip);
    await writeAudit(db, { at: clock(), actorId: user?.id ?? null, action: 'login_failed', entity: 'user', entityId: user?.id ?? null, ip });
    throw badCredentials();
  }
  if (user.status !== 'active') throw accountDisabled();

  await clearLoginFailures(cache, email);
  // A new session at every sign-in; the one this browser carried before (if any) dies now.
  const previous = sessions.readToken(c.req.header('cookie'));
  if (previous) await sessions.invalidate(previous);
  const session = await sessions.create(user.id);
  await writeAudit(db, { at: clock(), actorId: user.id, action: 'login', entity: 'user', entityId: user.id, ip });
  c.header('Set-Cookie', session.cookie);
  return c.json({ user: toUserDto(user) }, 200);
});

export default app;
