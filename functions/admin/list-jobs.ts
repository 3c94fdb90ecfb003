/**
 * GET /api/admin/jobs: the job queue's counts and its most recent failures, newest first (API.md "Admin").
 * Failures carry the job's name and the error, never its payload (ids only, but still not the admin's
 * business here). Redis down: 503 `unavailable` (the producer turns it into Unavailable, ADR 013).
 * Audited as an admin's look at the queue.
 */
import { writeAudit } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminJobs } from '../../shared/schemas/jobs';

const app = newFunction().get(
  '/admin/jobs',
  describe({
    summary: 'The job queue and its failures',
    operationId: 'listJobs',
    description: 'Counts per queue and up to 50 failed jobs (out of attempts, kept four weeks), newest first.',
    responses: { 200: AdminJobs },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock, jobs } = c.env.deps;
    const { queues, failures } = await jobs.inspect({ failureLimit: 50 });
    await writeAudit(db, { at: clock(), actorId: c.var.user.id, actorRole: 'admin', action: 'jobs_list', entity: 'job_queue', ...requestSource(c) });
    const body: AdminJobs = {
      queues: queues.map(({ name, waiting, active, delayed, failed, completed }) => ({ name, waiting, active, delayed, failed, completed })),
      failures: failures.map(({ id, name, reason, attempts, failedAt }) => ({ id, name, reason, attempts, failedAt })),
    };
    return c.json(body, 200);
  },
);

export default app;
