import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { until } from '../../tests/support/background';
import { FAILING_JOB, useFailingJobWorker } from '../../tests/support/failing-job';
import { useTestWorld } from '../../tests/support/test-deps';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import { createBullmqProducer } from '../../shared/runtime/node/bullmq-producer';
import { freePort } from '../../tests/support/net';
import listJobs from './list-jobs';

const world = useTestWorld();
const failing = useFailingJobWorker(world);
const FUNCTIONS = [listJobs];

describe('GET /api/admin/jobs', () => {
  test('answers the queue counts and a failed job with its name, reason, attempts and time, newest first; audited', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    failing.failing = true;
    await deps.jobs.enqueue(FAILING_JOB, { appointmentId: 'a-1' }, { jobId: 'list-fails-1' });
    await until(async () => (await deps.jobs.inspect()).failures.some((f) => f.id === 'list-fails-1'), 15_000, 'the job to fail');
    await deps.jobs.enqueue(FAILING_JOB, { appointmentId: 'a-2' }, { jobId: 'list-fails-2', delayMs: 3_600_000 });

    const res = await admin.c.get('/api/admin/jobs');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['queues', 'failures']);
    expect(res.body.queues).toEqual([{ name: 'wardline', waiting: 0, active: 0, delayed: 1, failed: 1, completed: 0 }]);
    expect(res.body.failures).toEqual([
      { id: 'list-fails-1', name: FAILING_JOB, reason: 'the test job fails on purpose', attempts: 1, failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
    ]);
    // The payload (ids, but ids of patients' appointments) is not part of the answer.
    expect(JSON.stringify(res.body)).not.toContain('a-1');
    const rows = await auditRows(deps, 'jobs_list');
    expect(rows.at(-1)).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', entity: 'job_queue', outcome: 'ok', patient_id: null });
  });

  test('doctors and patients get 403 and signed-out callers 401', async () => {
    const { others } = await adminAndOthers(world().deps, FUNCTIONS);
    expect(await expectRefused(others, 'GET', '/api/admin/jobs')).toEqual(REFUSED);
  });

  test('with the queue\'s Redis unreachable it answers 503 unavailable with Retry-After, not 500', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const dead = connectRedis(`redis://127.0.0.1:${await freePort()}`);
    const { producer, close } = createBullmqProducer(dead, deps.config.redisKeyPrefix, () => {});
    try {
      const down = await adminAndOthers({ ...deps, jobs: producer }, FUNCTIONS);
      const res = await down.admin.c.get('/api/admin/jobs');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await close().catch(() => {});
      dead.disconnect();
    }
    expect((await admin.c.get('/api/admin/jobs')).status).toBe(200);
  });
});
