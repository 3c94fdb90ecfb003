/**
 * DELETE /api/admin/users/:id/mfa: the admin removes a patient's or doctor's second factor, for someone who
 * lost both the authenticator and the recovery codes and has proved who they are at the desk (ASVS 5.0 6.4.4:
 * the hospital does that proofing in person, as it did at registration). The factor and its recovery codes
 * are deleted, every session of the user ends, and an email tells the user; they sign in with their password
 * and set MFA up again (under REQUIRE_STAFF_MFA a doctor is led there at once). 204. Not in API.md (an addition).
 * An administrator's factor is not removed here (neither one's own nor another's: a stolen admin session must
 * not strip the admin's second factor), 409 `state`; 409 `mfa_not_enabled` when it is not on; 404 for an unknown id.
 */
import { userActionTarget } from '../../shared/admin/user-action';
import { hasMfa } from '../../shared/auth/mfa';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { conflict } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';

const app = newFunction().delete(
  '/admin/users/:id/mfa',
  describe({
    summary: "Remove a user's second factor",
    operationId: 'removeUserMfa',
    description:
      'For a patient or doctor who lost their authenticator and recovery codes, once the desk has confirmed who they are. ' +
      'The factor and its recovery codes are deleted, every session of the user ends, and the user is emailed.',
    responses: { 204: { description: 'Two-step sign-in is off for that user; their sessions have ended' } },
    errors: { 404: 'not_found: no such user', 409: ['mfa_not_enabled: the user has no second factor', "state: an administrator's second factor is not removed here"] },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  async (c) => {
    const { db, sessions } = c.env.deps;
    const { target, audit } = await userActionTarget(c, 'mfa_remove');
    if (target.role === 'admin') {
      await writeAudit(db, { ...audit, outcome: 'state' });
      throw conflict('state', "An administrator's second factor cannot be removed here: use a recovery code to sign in, then the account page.");
    }
    if (!(await hasMfa(db, target.id))) {
      await writeAudit(db, { ...audit, outcome: 'mfa_not_enabled' });
      throw conflict('mfa_not_enabled', 'This user has no second factor to remove.');
    }
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', target.id).execute();
      await trx.deleteFrom('mfa_factors').where('user_id', '=', target.id).execute();
      await writeAudit(trx, audit);
      await writeOutbox(trx, JOBS.accountNotice, { userId: target.id, event: 'mfa_removed_by_admin' }, audit.at);
    });
    // A factor changed: every session ends (ASVS 5.0 7.4.3), and with it any session someone else may hold.
    await sessions.invalidateUser(target.id);
    return c.body(null, 204);
  },
);

export default app;
