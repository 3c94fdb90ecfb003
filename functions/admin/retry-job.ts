/**
 * POST /api/admin/jobs/:id/retry: a failed job runs again from its first attempt (API.md "Admin"). 202
 * `{ id, state: 'waiting' }`: it is back in the queue. An unknown id is 404 `not_found`; a job that is not failed (waiting, running,
 * done) is 409 `state`. Jobs are idempotent (the delivery log), so a retry never mails twice. Redis
 * down: 503 `unavailable`. Every attempt is audited as an admin's act, with its outcome.
 */
import { writeAudit } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { RetriedJob } from '../../shared/schemas/jobs';

/** Job ids are ours (outbox ids) or BullMQ's (numbers, `repeat:…`): anything else cannot be one. */
const JOB_ID = /^[\w:.-]{1,200}$/;

const app = newFunction().post(
  '/admin/jobs/:id/retry',
  describe({
    summary: 'Retry a failed job',
    operationId: 'retryJob',
    responses: { 202: RetriedJob },
    errors: { 404: 'not_found: no such job', 409: 'state: the job has not failed' },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock, jobs } = c.env.deps;
    const id = c.req.param('id');
    const outcome = JOB_ID.test(id) ? await jobs.retry(id) : 'not_found';
    await writeAudit(db, {
      at: clock(),
      actorId: c.var.user.id,
      actorRole: 'admin',
      action: 'job_retry',
      entity: 'job',
      entityId: id.slice(0, 200),
      outcome: outcome === 'retried' ? 'ok' : outcome === 'not_failed' ? 'state' : 'not_found',
      ...requestSource(c),
    });
    if (outcome === 'not_found') throw notFound('That job');
    if (outcome === 'not_failed') throw conflict('state', 'Only a failed job can be retried; this one is waiting, running or done.');
    const body: RetriedJob = { id, state: 'waiting' };
    return c.json(body, 202);
  },
);

export default app;
