/**
 * Processor: the password reset email. The token is made here, its SHA-256 stored, and the link mailed, so
 * the token itself is never in the outbox, the queue or the database (only in the mail). A request for an
 * address without an account enqueues this job too, with no user: it finds nothing and sends nothing.
 * The link ends 30 minutes after the request; a job that runs later than that sends nothing. Once per
 * request: the delivery key is the job id (the outbox id). `by: 'admin'` (an administrator sent the link,
 * functions/admin/send-password-reset.ts) changes only the wording.
 */
import { hashResetToken, newResetToken, RESET_TTL_MS } from '../shared/auth/reset-tokens';
import { newId } from '../shared/ids';
import { deliverOnce } from '../shared/mail/deliver-once';
import { passwordResetEmail } from '../shared/mail/messages/password-reset';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload, job) => {
  if (!job?.id) throw new Error('a password reset email needs its job id (the outbox id) as its delivery key');
  const userId = String(payload.userId ?? '');
  // An address without an account: the request did the same work as for one, and here it ends.
  if (!userId) return;
  const { db, clock } = deps;
  const user = await db
    .selectFrom('users')
    .leftJoin('doctors', 'doctors.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.email', 'users.status', 'doctors.deleted_at'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.status !== 'active' || user.deleted_at) return;
  const expiresAt = new Date(Date.parse(String(payload.requestedAt ?? '')) + RESET_TTL_MS);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= clock().getTime()) {
    deps.log.info('password reset email not sent: the request is older than a link lives', { jobId: job.id });
    return;
  }
  const sent = await db.selectFrom('email_deliveries').select('status').where('kind', '=', 'password_reset').where('subject_id', '=', job.id).executeTakeFirst();
  if (sent?.status === 'sent') return;

  const token = newResetToken();
  await db
    .insertInto('password_resets')
    .values({ id: newId(), user_id: user.id, token_hash: hashResetToken(token), created_at: clock().toISOString(), expires_at: expiresAt.toISOString(), used_at: null })
    .execute();
  const byAdmin = payload.by === 'admin';
  const email = passwordResetEmail(deps.config, { name: user.name, path: `/reset-password?token=${token}`, expiresAt, byAdmin });
  await deliverOnce(deps, { kind: 'password_reset', subjectId: job.id, message: { to: user.email, ...email } });
};
