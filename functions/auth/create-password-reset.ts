/**
 * POST /api/auth/password-reset: "I forgot my password". Always 202, after the same work whether or not the
 * address has an account: one read, one throttle step, one transaction with an outbox row and an audit row.
 * The job (jobs/email-password-reset.ts) makes the single-use link and mails it, or, for an address without
 * an account, finds nobody and stops. Throttled per address typed and per requesting address (429, asked
 * for either way, so it tells nothing either).
 */
import { reserveResetRequest } from '../../shared/auth/throttle';
import { writeAudit } from '../../shared/db/audit';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { rateLimited } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { PasswordResetAccepted, PasswordResetInput } from '../../shared/schemas/auth';

const ACCEPTED = { message: 'If an account has this address, an email with a link to choose a new password is on its way. The link works for 30 minutes.' };

const app = newFunction().post(
  '/auth/password-reset',
  describe({
    summary: 'Ask for a password reset link',
    operationId: 'requestPasswordReset',
    responses: { 202: { schema: PasswordResetAccepted, description: 'Accepted, whether or not the address has an account (the same words either way); if it has, a link valid 30 minutes is on its way' } },
    errors: { 429: 'rate_limited: too many requests for this address or from this client' },
    needs: ['database', 'redis'],
  }),
  body(PasswordResetInput),
  async (c) => {
    const { db, cache, clock } = c.env.deps;
    const { email } = c.req.valid('json');
    const source = requestSource(c);
    const now = clock();
    const user = await db.selectFrom('users').select(['id']).where('email', '=', email).executeTakeFirst();
    const attempt = await reserveResetRequest(cache, email, source.ip);
    if (!attempt.ok) {
      await writeAudit(db, { at: now, actorId: null, action: 'password_reset_request', entity: 'user', entityId: user?.id ?? null, outcome: 'rate_limited', ...source });
      throw rateLimited(attempt.retryAfterSeconds);
    }
    await db.transaction().execute(async (trx) => {
      await writeOutbox(trx, JOBS.passwordReset, { userId: user?.id ?? '', requestedAt: now.toISOString() }, now);
      await writeAudit(trx, { at: now, actorId: null, action: 'password_reset_request', entity: 'user', entityId: user?.id ?? null, outcome: user ? 'ok' : 'unknown_email', ...source });
    });
    return c.json(ACCEPTED, 202);
  },
);

export default app;
