/** `JobProducer` over one BullMQ queue. Completed jobs are kept a week so a job id still deduplicates (STACK.md). */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobProducer } from '../deps';

export const QUEUE_NAME = 'wardline';
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;

export function createBullmqProducer(connection: Redis, prefix: string): { producer: JobProducer; queue: Queue } {
  const queue = new Queue(QUEUE_NAME, { connection, prefix: `${prefix}bull` });
  const producer: JobProducer = {
    async enqueue(name, payload, options = {}) {
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
  return { producer, queue };
}
