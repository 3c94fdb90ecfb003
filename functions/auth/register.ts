/**
 * POST /api/auth/register: a patient signs themself up and is signed in (API.md "Auth"). Patients only.
 * Throttled per address (10 an hour) before any hashing, and the hash itself waits at the hashing gate
 * (shared/auth/hash-gate.ts), so a burst of registrations cannot slow sign-in down.
 */
import { deviceCookieAfterSignIn } from '../../shared/auth/device-cookie';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/auth/password-policy';
import { reserveRegistration } from '../../shared/auth/throttle';
import { toUserDto } from '../../shared/auth/user-dto';
import { writeAudit } from '../../shared/db/audit';
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { isUniqueViolation } from '../../shared/db/errors';
import { dateInZone } from '../../shared/domain/calendar';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { conflict, invalidInput, rateLimited } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { RegisterInput, UserResponse } from '../../shared/schemas/auth';

const emailTaken = () => conflict('email_taken', 'An account with this email already exists. Try signing in.');

const app = newFunction().post(
  '/auth/register',
  describe({
    summary: 'Register as a patient',
    operationId: 'register',
    responses: { 201: { schema: UserResponse, headers: { 'Set-Cookie': 'the new session cookie, and the long-lived device cookie' } } },
    errors: { 409: 'email_taken', 429: 'rate_limited: more than 10 registrations from this address in an hour' },
    needs: ['database', 'redis'],
  }),
  body(RegisterInput),
  async (c) => {
    const { db, passwords, sessions, cache, clock, config } = c.env.deps;
    const input = c.req.valid('json');
    const now = clock();
    const source = requestSource(c);
    const problem = passwordProblem(input.password, { email: input.email, name: input.name, hospitalName: config.hospitalName });
    if (problem) throw invalidInput({ password: PASSWORD_PROBLEM_MESSAGES[problem] });
    if (input.dateOfBirth && input.dateOfBirth > dateInZone(now, config.hospitalTimeZone)) {
      throw invalidInput({ dateOfBirth: 'must not be in the future' });
    }
    // A friendly early answer; the unique index on users.email is what really decides.
    if (await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()) throw emailTaken();

    const attempt = await reserveRegistration(cache, source.ip);
    if (!attempt.ok) {
      await writeAudit(db, { at: now, actorId: null, action: 'register_throttled', entity: 'user', ...source });
      throw rateLimited(attempt.retryAfterSeconds);
    }

    const passwordHash = await passwords.hash(input.password);
    const user = { id: newId(), role: 'patient' as const, name: input.name, email: input.email };
    const at = now.toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values({ ...user, password_hash: passwordHash, status: 'active', created_at: at, updated_at: at }).execute();
        await trx
          .insertInto('patients')
          .values({
            user_id: user.id,
            phone: input.phone ?? null,
            date_of_birth: input.dateOfBirth ?? null,
            gender: input.gender ?? null,
            address: null,
            blood_group: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await writeAudit(trx, { at: now, actorId: user.id, action: 'register', entity: 'user', entityId: user.id, ...source });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
    await bumpDashboard(cache);

    // As at sign-in: whatever session this browser carried before (someone else's, on a shared computer) ends.
    const cookies = c.req.header('cookie');
    const previous = sessions.readToken(cookies);
    if (previous) await sessions.invalidate(previous);
    const session = await sessions.create(user.id, source);
    c.header('Set-Cookie', session.cookie);
    // Registering is this browser's first sign-in to the account (ADR 011).
    c.header('Set-Cookie', deviceCookieAfterSignIn(cookies, user.id, { secretKey: config.secretKey, secure: config.session.secureCookie }), { append: true });
    return c.json({ user: toUserDto(user) }, 201);
  },
);

export default app;
