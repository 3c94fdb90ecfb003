/**
 * For the admin's job endpoints: a real worker on a test world's queue with a test-only processor that
 * fails for good (UnrecoverableError: no backoff to wait through) while `failing` holds, and succeeds once
 * it is switched off, counting its runs. Registered in the test, as jobs/worker.test.ts does.
 */
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll } from 'vitest';
import { processors } from '../../jobs/processors';
import { startWorker } from '../../jobs/worker';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import type { TestWorld } from './test-deps';

export const FAILING_JOB = 'test.fails-until-fixed';

export function useFailingJobWorker(world: () => TestWorld) {
  const state = { failing: true, runs: new Map<string, number>() };
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    processors[FAILING_JOB] = async (_deps, _payload, job) => {
      state.runs.set(job.id!, (state.runs.get(job.id!) ?? 0) + 1);
      if (state.failing) throw new UnrecoverableError('the test job fails on purpose');
    };
    const connection = connectRedis(world().config.redisUrl, { forWorker: true });
    const worker = startWorker(world().deps, connection, { relay: false });
    await worker.waitUntilReady();
    stop = async () => {
      await worker.close();
      connection.disconnect();
    };
  });
  afterAll(async () => {
    delete processors[FAILING_JOB];
    await stop();
  });
  return state;
}
