import { Queue } from 'bullmq';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import type { JobProducer, JobRequest } from '../runtime/deps';
import { QUEUE_NAME } from '../runtime/node/bullmq-producer';
import { writeOutbox } from './outbox';
import { RELAY_BATCH, relayOutbox } from './relay';

const world = useTestWorld();
let queue: Queue | undefined;

/** The world's BullMQ queue, read directly: what the relay handed over, by job id. */
function theQueue(): Queue {
  queue ??= new Queue(QUEUE_NAME, { connection: world().redis, prefix: `${world().config.redisKeyPrefix}bull` });
  return queue;
}

afterAll(async () => {
  await queue?.close();
});

beforeEach(async () => {
  await world().deps.db.deleteFrom('outbox').execute();
  await theQueue().obliterate({ force: true });
});

async function pending() {
  return world().deps.db.selectFrom('outbox').selectAll().where('relayed_at', 'is', null).orderBy('created_at').execute();
}

/** A producer that refuses everything, as BullMQ does while Redis is unreachable. */
const redisDown: JobProducer = {
  enqueue: async () => {
    throw new Error('Connection is closed.');
  },
  enqueueMany: async () => {
    throw new Error('Connection is closed.');
  },
  inspect: async () => ({ queues: [], failures: [] }),
  retry: async () => 'not_found',
};

describe('relayOutbox', () => {
  test('hands pending rows to the queue oldest first, with the outbox id as the job id and the payload as written, and marks them relayed', async () => {
    const { db } = world().deps;
    const late = await writeOutbox(db, 'test.relay', { appointmentId: 'a-late' }, '2026-12-01T08:00:02.000Z');
    const early = await writeOutbox(db, 'test.relay', { appointmentId: 'a-early', n: 3 }, '2026-12-01T08:00:01.000Z');
    const seen: JobRequest[] = [];
    const recording: JobProducer = { ...world().deps.jobs, enqueueMany: async (jobs) => void seen.push(...jobs) };

    expect(await relayOutbox({ ...world().deps, jobs: recording })).toEqual({ relayed: 2 });
    expect(seen).toEqual([
      { name: 'test.relay', payload: { appointmentId: 'a-early', n: 3 }, options: { jobId: early } },
      { name: 'test.relay', payload: { appointmentId: 'a-late' }, options: { jobId: late } },
    ]);
    expect(await pending()).toEqual([]);
    const rows = await db.selectFrom('outbox').select(['id', 'relayed_at']).execute();
    expect(rows.map((r) => r.relayed_at)).toEqual([world().clock().toISOString(), world().clock().toISOString()]);
    // Nothing left: a second pass hands nothing over.
    expect(await relayOutbox({ ...world().deps, jobs: recording })).toEqual({ relayed: 0 });
    expect(seen).toHaveLength(2);
  });

  test('on BullMQ, a row handed over twice (a crash before the mark) is one job', async () => {
    const { db } = world().deps;
    const id = await writeOutbox(db, 'test.relay', { appointmentId: 'a-1' }, world().clock());
    expect(await relayOutbox(world().deps)).toEqual({ relayed: 1 });
    const job = await theQueue().getJob(id);
    expect(job).toMatchObject({ id, name: 'test.relay', data: { appointmentId: 'a-1' } });

    // As if the first relay had died after enqueueing and before marking.
    await db.updateTable('outbox').set({ relayed_at: null }).where('id', '=', id).execute();
    expect(await relayOutbox(world().deps)).toEqual({ relayed: 1 });
    expect(await theQueue().getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  test('with Redis unreachable the rows stay pending with the attempt and the error kept, and go out once it is back', async () => {
    const { db } = world().deps;
    const id = await writeOutbox(db, 'test.relay', { appointmentId: 'a-2' }, world().clock());
    const down = { ...world().deps, jobs: redisDown };

    expect(await relayOutbox(down)).toEqual({ relayed: 0, error: 'Connection is closed.' });
    expect(await relayOutbox(down)).toEqual({ relayed: 0, error: 'Connection is closed.' });
    expect(await pending()).toMatchObject([{ id, attempts: 2, last_error: 'Connection is closed.', relayed_at: null }]);
    expect(await theQueue().getJob(id)).toBeUndefined();

    expect(await relayOutbox(world().deps)).toEqual({ relayed: 1 });
    expect(await pending()).toEqual([]);
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 2, last_error: null, relayed_at: world().clock().toISOString() });
    expect(await theQueue().getJob(id)).toMatchObject({ id, name: 'test.relay' });
  });

  test('two relays racing over the same rows hand each over once and mark each once', async () => {
    const { db } = world().deps;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await writeOutbox(db, 'test.relay', { appointmentId: `race-${i}` }, new Date(Date.parse('2026-12-01T08:00:00.000Z') + i)));

    const [a, b] = await Promise.all([relayOutbox(world().deps), relayOutbox(world().deps)]);
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    // Each row is marked by exactly one of them; both may have handed it over, and BullMQ kept one job.
    expect(a.relayed + b.relayed).toBe(30);
    expect(await pending()).toEqual([]);
    expect(await theQueue().getJobCounts('waiting')).toEqual({ waiting: 30 });
    const jobs = await theQueue().getWaiting(0, -1);
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
  });

  test('a row whose payload is not JSON stays pending with its error and does not hold the others back', async () => {
    const { db } = world().deps;
    const good = await writeOutbox(db, 'test.relay', { appointmentId: 'a-good' }, '2026-12-01T08:00:02.000Z');
    await db.insertInto('outbox').values({ id: 'broken-row', job: 'test.relay', payload: '{not json', created_at: '2026-12-01T08:00:01.000Z', relayed_at: null, attempts: 0, last_error: null }).execute();
    expect(await relayOutbox(world().deps)).toEqual({ relayed: 1 });
    expect(await theQueue().getJob(good)).toMatchObject({ id: good });
    expect(await pending()).toMatchObject([{ id: 'broken-row', attempts: 1, last_error: 'the payload is not JSON' }]);
  });

  test('a pass takes at most one batch, so the mark stays within D1 bound parameters; the next pass takes the rest', async () => {
    const { db } = world().deps;
    for (let i = 0; i < RELAY_BATCH + 5; i++) await writeOutbox(db, 'test.relay', { i }, new Date(Date.parse('2026-12-01T08:00:00.000Z') + i));
    expect(await relayOutbox(world().deps, { limit: 1_000 })).toEqual({ relayed: RELAY_BATCH });
    expect(await pending()).toHaveLength(5);
    expect(await relayOutbox(world().deps)).toEqual({ relayed: 5 });
  });
});
