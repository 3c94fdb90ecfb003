/**
 * POST /api/auth/password: the signed-in user changes their password (API.md "Auth"). 204. The current
 * password is checked under the sign-in throttle (a stolen session must not become a free guessing
 * oracle); a wrong one is 400 naming `currentPassword`. The new one follows registration's policy. Every
 * other session of the user ends; this one stays. An email tells the user.
 */
import { isTrustedDevice } from '../../shared/auth/device-cookie';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/auth/password-policy';
import { releaseLoginAttempt, reserveLoginAttempt } from '../../shared/auth/throttle';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { invalidInput, rateLimited } from '../../shared/http/errors';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { ChangePasswordInput } from '../../shared/schemas/auth';

const app = newFunction().post(
  '/auth/password',
  describe({
    summary: 'Change my password',
    operationId: 'changePassword',
    responses: { 204: { description: 'Changed; every other session of the user has ended' } },
    errors: { 400: 'invalid_input: `currentPassword` is not right, or `newPassword` breaks the password policy', 429: 'rate_limited: too many wrong current passwords (counted with sign-in failures)' },
    needs: ['database', 'redis'],
  }),
  requireSession(),
  body(ChangePasswordInput),
  async (c) => {
    const { db, passwords, sessions, cache, clock, config } = c.env.deps;
    const { currentPassword, newPassword } = c.req.valid('json');
    const me = c.var.user;
    const source = requestSource(c);
    const audit = (action: string, outcome = 'ok') => writeAudit(db, { at: clock(), actorId: me.id, actorRole: me.role, action, entity: 'user', entityId: me.id, outcome, ...source });

    const problem = passwordProblem(newPassword, { email: me.email, name: me.name, hospitalName: config.hospitalName });
    if (problem) throw invalidInput({ newPassword: PASSWORD_PROBLEM_MESSAGES[problem] });

    const row = await db.selectFrom('users').select(['password_hash']).where('id', '=', me.id).executeTakeFirstOrThrow();
    const trusted = isTrustedDevice(c.req.header('cookie'), me.id, { secretKey: config.secretKey, secure: config.session.secureCookie });
    const attempt = await reserveLoginAttempt(cache, me.email, source.ip, trusted);
    if (!attempt.ok) {
      await audit('password_change', 'rate_limited');
      throw rateLimited(attempt.retryAfterSeconds);
    }
    if (!(await passwords.verify(row.password_hash, currentPassword))) {
      // The reservation stays: a wrong current password counts as a failed sign-in.
      await audit('password_change', 'wrong_password');
      throw invalidInput({ currentPassword: 'is not your current password' });
    }
    await releaseLoginAttempt(cache, attempt);
    if (newPassword === currentPassword) throw invalidInput({ newPassword: 'must differ from your current password' });

    const hash = await passwords.hash(newPassword);
    const now = clock();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: hash, updated_at: now.toISOString() }).where('id', '=', me.id).execute();
      await writeAudit(trx, { at: now, actorId: me.id, actorRole: me.role, action: 'password_change', entity: 'user', entityId: me.id, ...source });
      await writeOutbox(trx, JOBS.accountNotice, { userId: me.id, event: 'password_changed' }, now);
    });
    await sessions.invalidateUserExcept(me.id, c.var.sessionToken);
    return c.body(null, 204);
  },
);

export default app;
