import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectRedis } from '../shared/runtime/node/build-deps';
import { createTestWorld, type TestWorld } from '../tests/support/test-deps';
import { processors } from './processors';
import { startWorker } from './worker';

let world: TestWorld;
let stop: () => Promise<void>;
const seen: Array<Record<string, string | number>> = [];

beforeAll(async () => {
  world = await createTestWorld();
  processors['test-record'] = async (_deps, payload) => {
    seen.push(payload);
  };
  const connection = connectRedis(world.config.redisUrl, { forWorker: true });
  const worker = startWorker(world.deps, connection);
  await worker.waitUntilReady();
  stop = async () => {
    await worker.close();
    connection.disconnect();
  };
});
afterAll(async () => {
  delete processors['test-record'];
  await stop();
  await world.cleanup();
});

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the job worker', () => {
  test('runs a job enqueued through Deps with its payload of ids', async () => {
    await world.deps.jobs.enqueue('test-record', { appointmentId: 'a-1' });
    await until(() => seen.some((p) => p.appointmentId === 'a-1'));
  });

  test('a second enqueue with the same job id is not run again', async () => {
    await world.deps.jobs.enqueue('test-record', { appointmentId: 'a-2' }, { jobId: 'outbox-42' });
    await until(() => seen.some((p) => p.appointmentId === 'a-2'));
    await world.deps.jobs.enqueue('test-record', { appointmentId: 'a-2' }, { jobId: 'outbox-42' });
    await world.deps.jobs.enqueue('test-record', { appointmentId: 'a-3' });
    await until(() => seen.some((p) => p.appointmentId === 'a-3'));
    expect(seen.filter((p) => p.appointmentId === 'a-2')).toHaveLength(1);
  });

  test('a job with no processor fails loudly instead of vanishing', async () => {
    await world.deps.jobs.enqueue('no-such-job', { id: 'x' }, { jobId: 'unknown-1' });
    await until(() => world.log.records.some((r) => r.message === 'job failed' && r.fields?.jobId === 'unknown-1'));
  });
});
