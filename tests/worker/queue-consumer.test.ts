/**
 * The Worker's Queue consumer (shared/runtime/worker/queue-consumer.ts), in Node with stand-in messages:
 * each message runs its processor and is acked; a processor that throws, or a job without one, is
 * retried with BullMQ's backoff; one failing message does not hold the others back.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { processors } from '../../jobs/processors';
import { consumeJobs, retryDelaySeconds, type ConsumedMessage } from '../../shared/runtime/worker/queue-consumer';
import type { JobMessage } from '../../shared/runtime/worker/queue-producer';
import { memoryLogger } from '../support/test-deps';
import type { Deps } from '../../shared/runtime/deps';

const ran: Array<{ payload: Record<string, string | number>; id: string | undefined; attemptsMade: number }> = [];

beforeAll(() => {
  processors['test.consumer-ok'] = async (_deps, payload, job) => {
    ran.push({ payload, id: job.id, attemptsMade: job.attemptsMade });
  };
  processors['test.consumer-fails'] = async () => {
    throw new Error('the test job fails on purpose');
  };
});
afterAll(() => {
  delete processors['test.consumer-ok'];
  delete processors['test.consumer-fails'];
});

function message(id: string, body: JobMessage, attempts = 1) {
  const seen: string[] = [];
  const m: ConsumedMessage & { seen: string[] } = {
    id,
    attempts,
    body,
    seen,
    ack: () => void seen.push('ack'),
    retry: (options) => void seen.push(`retry ${options?.delaySeconds}`),
  };
  return m;
}

describe('the Queue consumer', () => {
  test('acks a message whose processor succeeds, and retries with backoff one that fails or has no processor', async () => {
    const log = memoryLogger();
    const deps = { log } as unknown as Deps;
    const ok = message('m-1', { name: 'test.consumer-ok', payload: { appointmentId: 'a-1' }, jobId: 'outbox-1' }, 2);
    const fails = message('m-2', { name: 'test.consumer-fails', payload: { appointmentId: 'a-2' }, jobId: 'outbox-2' }, 3);
    const unknown = message('m-3', { name: 'no-such-job', payload: {}, jobId: null });
    const after = message('m-4', { name: 'test.consumer-ok', payload: { appointmentId: 'a-4' }, jobId: null });
    await consumeJobs(deps, [ok, fails, unknown, after]);

    expect([ok.seen, fails.seen, unknown.seen, after.seen]).toEqual([['ack'], ['retry 20'], ['retry 5'], ['ack']]);
    // The job id is the outbox id the message carries (the message's own id without one), as under BullMQ.
    expect(ran).toEqual([
      { payload: { appointmentId: 'a-1' }, id: 'outbox-1', attemptsMade: 1 },
      { payload: { appointmentId: 'a-4' }, id: 'm-4', attemptsMade: 0 },
    ]);
    expect(log.records.filter((r) => r.message === 'job failed').map((r) => r.fields?.error)).toEqual(['the test job fails on purpose', 'no processor for job "no-such-job"']);
  });

  test("the backoff is BullMQ's: 5 s doubling", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([5, 10, 20, 40]);
  });
});
