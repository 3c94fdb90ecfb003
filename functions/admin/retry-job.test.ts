import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { until } from '../../tests/support/background';
import { FAILING_JOB, useFailingJobWorker } from '../../tests/support/failing-job';
import { freePort } from '../../tests/support/net';
import { useTestWorld } from '../../tests/support/test-deps';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import { createBullmqProducer } from '../../shared/runtime/node/bullmq-producer';
import listJobs from './list-jobs';
import retryJob from './retry-job';

const world = useTestWorld();
const failing = useFailingJobWorker(world);
const FUNCTIONS = [listJobs, retryJob];

async function failedJob(jobId: string) {
  failing.failing = true;
  await world().deps.jobs.enqueue(FAILING_JOB, { appointmentId: jobId }, { jobId });
  await until(async () => (await world().deps.jobs.inspect()).failures.some((f) => f.id === jobId), 15_000, 'the job to fail');
}

describe('POST /api/admin/jobs/:id/retry', () => {
  test('202: a failed job runs again and, fixed meanwhile, completes and leaves the failures; audited', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    await failedJob('retry-1');
    expect(failing.runs.get('retry-1')).toBe(1);

    failing.failing = false;
    const res = await admin.c.post('/api/admin/jobs/retry-1/retry');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'retry-1', state: 'waiting' });
    await until(() => failing.runs.get('retry-1') === 2, 15_000, 'the job to run again');
    await until(async () => (await admin.c.get('/api/admin/jobs')).body.queues[0].completed === 1, 15_000, 'the job to complete');
    const after = (await admin.c.get('/api/admin/jobs')).body;
    expect(after.failures.map((f: { id: string }) => f.id)).not.toContain('retry-1');
    const [row] = (await auditRows(deps, 'job_retry')).filter((r) => r.entity_id === 'retry-1');
    expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', entity: 'job', outcome: 'ok', ip: expect.any(String) });
  });

  test('a job that fails again after a retry shows up again, from its first attempt', async () => {
    const { admin } = await adminAndOthers(world().deps, FUNCTIONS);
    await failedJob('retry-2');
    expect((await admin.c.post('/api/admin/jobs/retry-2/retry')).status).toBe(202);
    await until(() => failing.runs.get('retry-2') === 2, 15_000, 'the job to run again');
    await until(async () => (await world().deps.jobs.inspect()).failures.some((f) => f.id === 'retry-2'), 15_000, 'the job to fail again');
    const failure = (await admin.c.get('/api/admin/jobs')).body.failures.find((f: { id: string }) => f.id === 'retry-2');
    expect(failure).toMatchObject({ attempts: 1, reason: 'the test job fails on purpose' });
  });

  test('a job that has not failed is 409 state; an unknown id, or a queue key that is no job, 404 not_found; both audited', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    await deps.jobs.enqueue(FAILING_JOB, { appointmentId: 'later' }, { jobId: 'retry-delayed', delayMs: 3_600_000 });
    const busy = await admin.c.post('/api/admin/jobs/retry-delayed/retry');
    expect([busy.status, busy.body.error.code]).toEqual([409, 'state']);
    for (const id of ['no-such-job', 'meta', 'events', '%20']) {
      const res = await admin.c.post(`/api/admin/jobs/${id}/retry`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'That job was not found.' } });
    }
    const rows = await auditRows(deps, 'job_retry');
    expect(rows.find((r) => r.entity_id === 'retry-delayed')).toMatchObject({ outcome: 'state' });
    expect(rows.find((r) => r.entity_id === 'no-such-job')).toMatchObject({ outcome: 'not_found' });
  });

  test('doctors and patients get 403 and signed-out callers 401; the failed job stays failed', async () => {
    const { others } = await adminAndOthers(world().deps, FUNCTIONS);
    await failedJob('retry-3');
    expect(await expectRefused(others, 'POST', '/api/admin/jobs/retry-3/retry')).toEqual(REFUSED);
    expect(failing.runs.get('retry-3')).toBe(1);
    expect((await world().deps.jobs.inspect()).failures.some((f) => f.id === 'retry-3')).toBe(true);
  });

  test("with the queue's Redis unreachable it answers 503 unavailable with Retry-After", async () => {
    const deps = world().deps;
    const dead = connectRedis(`redis://127.0.0.1:${await freePort()}`);
    const { producer, close } = createBullmqProducer(dead, deps.config.redisKeyPrefix, () => {});
    try {
      const { admin } = await adminAndOthers({ ...deps, jobs: producer }, FUNCTIONS);
      const res = await admin.c.post('/api/admin/jobs/retry-1/retry');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await close().catch(() => {});
      dead.disconnect();
    }
  });
});
