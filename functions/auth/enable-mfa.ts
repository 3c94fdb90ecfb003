/**
 * POST /api/auth/mfa/enable: a code from the authenticator app confirms the pending secret; two-step
 * sign-in is on. Answers ten single-use recovery codes, this once (only their argon2id hashes are kept).
 * 400 `invalid_code` for a code that does not match; 409 `mfa_not_set_up` without a pending setup. The
 * code's step counts as used. Every other session of the user ends; an email tells the user.
 */
import { openSecret } from '../../shared/auth/secret-box';
import { newRecoveryCodes, totpStep } from '../../shared/auth/totp';
import { invalidCode, loadFactor } from '../../shared/auth/mfa';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { conflict } from '../../shared/http/errors';
import { requireSession } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { MfaCodeInput, RecoveryCodesResponse } from '../../shared/schemas/auth';

const notSetUp = () => conflict('mfa_not_set_up', 'Start the setup first: there is no authenticator waiting to be confirmed.');

const app = newFunction().post(
  '/auth/mfa/enable',
  describe({
    summary: 'Turn two-step sign-in on',
    operationId: 'enableMfa',
    responses: { 200: RecoveryCodesResponse },
    errors: { 400: 'invalid_code', 409: ['mfa_not_set_up: no pending setup', 'mfa_enabled: it is on already'] },
    needs: ['database'],
  }),
  requireSession(),
  body(MfaCodeInput),
  async (c) => {
    const { db, passwords, clock, config } = c.env.deps;
    const me = c.var.user;
    const source = requestSource(c);
    const now = clock();
    const factor = await loadFactor(db, me.id);
    if (factor?.enabled_at) throw conflict('mfa_enabled', 'Two-step sign-in is on already.');
    if (!factor?.pending_secret) throw notSetUp();
    const secret = await openSecret(config.secretKey, me.id, factor.pending_secret);
    const step = secret === null ? null : totpStep(secret, c.req.valid('json').code, now);
    if (step === null) {
      await writeAudit(db, { at: now, actorId: me.id, actorRole: me.role, action: 'mfa_enable', entity: 'user', entityId: me.id, outcome: 'invalid_code', ...source });
      throw invalidCode();
    }
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map((code) => passwords.hash(code)));
    const at = now.toISOString();
    // The switch on its own, conditional (D1 reports no affected rows inside a transaction:
    // shared/runtime/worker/d1-database.ts), and only for the setup this code was checked against: of two
    // parallel enables one wins, and only the winner writes recovery codes. Should the writes below fail, the
    // factor is on with no recovery codes; the authenticator works, and off-and-on again makes new ones.
    const enabled = await db
      .updateTable('mfa_factors')
      .set({ secret: factor.pending_secret, pending_secret: null, enabled_at: at, last_used_step: step, updated_at: at })
      .where('user_id', '=', me.id)
      .where('pending_secret', '=', factor.pending_secret)
      .where('enabled_at', 'is', null)
      .executeTakeFirst();
    if (Number(enabled.numUpdatedRows) !== 1) throw notSetUp();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', me.id).execute();
      await trx.insertInto('mfa_recovery_codes').values(hashes.map((code_hash) => ({ id: newId(), user_id: me.id, code_hash, created_at: at, used_at: null }))).execute();
      await writeAudit(trx, { at: now, actorId: me.id, actorRole: me.role, action: 'mfa_enable', entity: 'user', entityId: me.id, ...source });
      await writeOutbox(trx, JOBS.accountNotice, { userId: me.id, event: 'mfa_enabled' }, now);
    });
    // A change of an authentication factor ends every other session (ASVS 5.0 7.4.3); this one stays.
    await c.env.deps.sessions.invalidateUserExcept(me.id, c.var.sessionToken);
    return c.json({ recoveryCodes: codes }, 200);
  },
);

export default app;
