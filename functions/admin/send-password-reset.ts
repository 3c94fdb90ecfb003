/**
 * POST /api/admin/users/:id/password-reset: the admin sends a user the same single-use link that "Forgot
 * password?" sends (ASVS 5.0 6.4.6): the admin starts the reset but never sees, sets or chooses the password,
 * and nothing about the account changes until the user follows the link. For someone who rings the desk
 * unable to sign in. 202. Not in API.md (an addition). Throttled like the user's own requests, on the user's
 * address, so a careless or hostile admin cannot flood an inbox; 409 `state` for a blacklisted user or a
 * removed doctor (the link would not be sent), 404 for an unknown id.
 */
import { userActionTarget } from '../../shared/admin/user-action';
import { reserveResetRequest } from '../../shared/auth/throttle';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { conflict, rateLimited } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { PasswordResetAccepted } from '../../shared/schemas/auth';

const app = newFunction().post(
  '/admin/users/:id/password-reset',
  describe({
    summary: 'Send a user a password reset link',
    operationId: 'sendUserPasswordReset',
    description:
      'Emails the user the single-use link of "Forgot password?" (valid 30 minutes). The admin never sees or sets ' +
      'the password; the account is unchanged until the user chooses a new one.',
    responses: { 202: { schema: PasswordResetAccepted, description: 'The link is on its way to the user' } },
    errors: { 404: 'not_found: no such user', 409: 'state: the user is blacklisted, or a removed doctor', 429: 'rate_limited: too many links for this user' },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  async (c) => {
    const { db, cache } = c.env.deps;
    const { target, audit } = await userActionTarget(c, 'password_reset_request');
    // The job sends nothing to a blocked account or a removed doctor: say so instead of a 202 that sends nothing.
    if (target.status !== 'active' || target.removed) {
      await writeAudit(db, { ...audit, outcome: 'state' });
      throw conflict('state', target.removed ? 'This doctor was removed and can no longer sign in.' : 'This account is blacklisted: restore it before sending a reset link.');
    }
    const attempt = await reserveResetRequest(cache, target.email, audit.ip ?? null);
    if (!attempt.ok) {
      await writeAudit(db, { ...audit, outcome: 'rate_limited' });
      throw rateLimited(attempt.retryAfterSeconds);
    }
    await db.transaction().execute(async (trx) => {
      await writeOutbox(trx, JOBS.passwordReset, { userId: target.id, requestedAt: audit.at.toISOString(), by: 'admin' }, audit.at);
      await writeAudit(trx, { ...audit, detail: { by: 'admin' } });
    });
    return c.json({ message: `A link to choose a new password is on its way to ${target.email}. It works once, for 30 minutes.` }, 202);
  },
);

export default app;
