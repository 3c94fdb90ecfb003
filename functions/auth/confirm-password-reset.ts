/**
 * POST /api/auth/password-reset/confirm: the link's token and a new password. 204; the password is set,
 * every session of the user ends (an attacker signed in with the old password is out), and an email says
 * so. A wrong, used or expired token is 400 `invalid_token`; a password the policy refuses is 400 on
 * `password` and leaves the link usable. The token is spent by a conditional update before the change, so
 * two parallel confirmations cannot both use it (should the change then fail, the person asks for a new link).
 */
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/auth/password-policy';
import { hashResetToken } from '../../shared/auth/reset-tokens';
import { releaseLoginAttempt, reserveResetConfirm } from '../../shared/auth/throttle';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { HttpError, invalidInput, rateLimited } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { PasswordResetConfirmInput } from '../../shared/schemas/auth';

const invalidToken = () => new HttpError(400, 'invalid_token', 'This link is not valid any more. Ask for a new one.');

const app = newFunction().post(
  '/auth/password-reset/confirm',
  describe({
    summary: 'Set a new password with a reset link',
    operationId: 'confirmPasswordReset',
    responses: { 204: { description: 'The password is set; every session of the user has ended' } },
    errors: { 400: ['invalid_token: the token is wrong, used or expired', 'invalid_input: `password` breaks the password policy (the link still works)'], 429: 'rate_limited' },
    needs: ['database', 'redis'],
  }),
  body(PasswordResetConfirmInput),
  async (c) => {
    const { db, passwords, sessions, cache, clock, config } = c.env.deps;
    const { token, password } = c.req.valid('json');
    const source = requestSource(c);
    const now = clock();
    const attempt = await reserveResetConfirm(cache, source.ip);
    if (!attempt.ok) throw rateLimited(attempt.retryAfterSeconds);

    const reset = await db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .leftJoin('doctors', 'doctors.user_id', 'users.id')
      .select(['password_resets.id', 'password_resets.user_id', 'password_resets.expires_at', 'password_resets.used_at', 'users.name', 'users.email', 'users.role', 'users.status', 'doctors.deleted_at'])
      .where('password_resets.token_hash', '=', hashResetToken(token))
      .executeTakeFirst();
    const usable = reset && !reset.used_at && reset.expires_at > now.toISOString() && reset.status === 'active' && !reset.deleted_at;
    if (!reset || !usable) {
      await writeAudit(db, { at: now, actorId: null, action: 'password_reset', entity: 'user', entityId: reset?.user_id ?? null, outcome: 'invalid_token', ...source });
      throw invalidToken();
    }
    const problem = passwordProblem(password, { email: reset.email, name: reset.name, hospitalName: config.hospitalName });
    if (problem) throw invalidInput({ password: PASSWORD_PROBLEM_MESSAGES[problem] });

    const hash = await passwords.hash(password);
    const at = now.toISOString();
    // Spent first, on its own: a conditional write must not sit in a transaction (D1 reports no affected rows
    // there: shared/runtime/worker/d1-database.ts). Of two parallel confirmations, one spends it; the other is refused.
    const spent = await db.updateTable('password_resets').set({ used_at: at }).where('id', '=', reset.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw invalidToken();
    await db.transaction().execute(async (trx) => {
      // Any other link of theirs still in someone's inbox dies with this one.
      await trx.updateTable('password_resets').set({ used_at: at }).where('user_id', '=', reset.user_id).where('used_at', 'is', null).execute();
      await trx.updateTable('users').set({ password_hash: hash, updated_at: at }).where('id', '=', reset.user_id).execute();
      await writeAudit(trx, { at: now, actorId: reset.user_id, actorRole: reset.role, action: 'password_reset', entity: 'user', entityId: reset.user_id, ...source });
      await writeOutbox(trx, JOBS.accountNotice, { userId: reset.user_id, event: 'password_reset' }, now);
    });
    await releaseLoginAttempt(cache, attempt);
    await sessions.invalidateUser(reset.user_id);
    return c.body(null, 204);
  },
);

export default app;
