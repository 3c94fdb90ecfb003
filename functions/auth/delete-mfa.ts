/**
 * DELETE /api/auth/mfa: turns two-step sign-in off; needs the password and a code (TOTP or a recovery
 * code), so a session left open on a shared computer cannot do it. Checked under the sign-in throttle.
 * 204; 400 naming `password` for a wrong password, 400 `invalid_code` for a wrong code; 409 when it is
 * not on. The factor and its recovery codes are deleted, every other session ends; an email tells the user.
 */
import { isTrustedDevice } from '../../shared/auth/device-cookie';
import { invalidCode, loadFactor, spendSecondFactor } from '../../shared/auth/mfa';
import { releaseLoginAttempt, reserveLoginAttempt } from '../../shared/auth/throttle';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { conflict, invalidInput, rateLimited } from '../../shared/http/errors';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { DisableMfaInput } from '../../shared/schemas/auth';

const app = newFunction().delete(
  '/auth/mfa',
  describe({
    summary: 'Turn two-step sign-in off',
    operationId: 'disableMfa',
    responses: { 204: { description: 'Two-step sign-in is off; the recovery codes are gone' } },
    errors: { 400: ['invalid_input: `password` is not right', 'invalid_code: the code is wrong or used'], 409: 'mfa_not_enabled', 429: 'rate_limited: counted with sign-in failures' },
    needs: ['database', 'redis'],
  }),
  requireSession(),
  body(DisableMfaInput),
  async (c) => {
    const { db, passwords, cache, clock, config } = c.env.deps;
    const me = c.var.user;
    const { password, code } = c.req.valid('json');
    const source = requestSource(c);
    const now = clock();
    const audit = (outcome: string) => writeAudit(db, { at: now, actorId: me.id, actorRole: me.role, action: 'mfa_disable', entity: 'user', entityId: me.id, outcome, ...source });
    const factor = await loadFactor(db, me.id);
    if (!factor?.enabled_at) throw conflict('mfa_not_enabled', 'Two-step sign-in is not on.');

    const trusted = isTrustedDevice(c.req.header('cookie'), me.id, { secretKey: config.secretKey, secure: config.session.secureCookie });
    const attempt = await reserveLoginAttempt(cache, me.email, source.ip, trusted);
    if (!attempt.ok) {
      await audit('rate_limited');
      throw rateLimited(attempt.retryAfterSeconds);
    }
    const user = await db.selectFrom('users').select('password_hash').where('id', '=', me.id).executeTakeFirstOrThrow();
    if (!(await passwords.verify(user.password_hash, password))) {
      await audit('wrong_password');
      throw invalidInput({ password: 'is not your current password' });
    }
    if (!(await spendSecondFactor({ db, passwords, secretKey: config.secretKey }, me.id, code, now))) {
      await audit('invalid_code');
      throw invalidCode();
    }
    await releaseLoginAttempt(cache, attempt);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', me.id).execute();
      await trx.deleteFrom('mfa_factors').where('user_id', '=', me.id).execute();
      await writeAudit(trx, { at: now, actorId: me.id, actorRole: me.role, action: 'mfa_disable', entity: 'user', entityId: me.id, ...source });
      await writeOutbox(trx, JOBS.accountNotice, { userId: me.id, event: 'mfa_disabled' }, now);
    });
    // A change of an authentication factor ends every other session (ASVS 5.0 7.4.3); this one stays.
    await c.env.deps.sessions.invalidateUserExcept(me.id, c.var.sessionToken);
    return c.body(null, 204);
  },
);

export default app;
