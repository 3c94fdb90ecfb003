/**
 * `JobProducer` over one BullMQ queue. Completed jobs are kept a week so a job id still deduplicates
 * (STACK.md). The Queue is made at the first enqueue: a process (or a test) that never enqueues never
 * touches the queue's keys, and a Queue made and closed at once could still write its meta key after
 * the keys of a test run were cleaned up.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobProducer } from '../deps';

export const QUEUE_NAME = 'wardline';
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;

export function createBullmqProducer(
  connection: Redis,
  prefix: string,
  onError: (err: Error) => void,
): { producer: JobProducer; close(): Promise<void> } {
  let queue: Queue | undefined;
  const producer: JobProducer = {
    async enqueue(name, payload, options = {}) {
      if (!queue) {
        queue = new Queue(QUEUE_NAME, { connection, prefix: `${prefix}bull` });
        queue.on('error', onError);
      }
      await queue.add(name, payload, {
        jobId: options.jobId,
        delay: options.delayMs,
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
        removeOnFail: { age: 4 * KEEP_COMPLETED_SECONDS },
      });
    },
  };
  return { producer, close: async () => queue?.close() };
}
