/**
 * `JobProducer` over one BullMQ queue. Completed jobs are kept a week so a job id still deduplicates
 * (STACK.md); failed ones four weeks, so an admin can read why and retry them. The Queue is made at the
 * first use: a process (or a test) that never enqueues never touches the queue's keys, and a Queue made
 * and closed at once could still write its meta key after the keys of a test run were cleaned up.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobFailure, JobOptions, JobProducer } from '../deps';
import { Unavailable, unavailableWhen } from '../unavailable';
import { isRedisConnectionError } from './redis-cache';

export const QUEUE_NAME = 'wardline';
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
/** Five attempts 5 s, 10 s, 20 s, 40 s apart: a mail server down for a minute loses nothing. */
export const JOB_ATTEMPTS = 5;

export function jobOptions(options: JobOptions = {}): JobsOptions {
  return {
    jobId: options.jobId,
    delay: options.delayMs,
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
    removeOnFail: { age: 4 * KEEP_COMPLETED_SECONDS },
  };
}

export function createBullmqProducer(
  connection: Redis,
  prefix: string,
  onError: (err: Error) => void,
): { producer: JobProducer; queue(): Queue; close(): Promise<void> } {
  let queue: Queue | undefined;
  /**
   * Redis down: `Unavailable`, which the API answers with 503 `unavailable` (ADR 013) and the relay records.
   * Without a ready connection it fails at once: a Queue first made during an outage would otherwise wait
   * for the connection to come back (BullMQ awaits "ready" before its first command), holding a request or
   * the relay for as long as the outage lasts.
   */
  const redis = <T>(command: () => Promise<T>): Promise<T> =>
    connection.status === 'ready'
      ? unavailableWhen('redis', isRedisConnectionError, command)
      : Promise.reject(new Unavailable('redis', new Error(`Redis connection is ${connection.status}`)));
  const theQueue = () => {
    if (!queue) {
      queue = new Queue(QUEUE_NAME, { connection, prefix: `${prefix}bull` });
      queue.on('error', onError);
    }
    return queue;
  };
  const producer: JobProducer = {
    async enqueue(name, payload, options) {
      await redis(() => theQueue().add(name, payload, jobOptions(options)));
    },
    async enqueueMany(jobs) {
      // addBulk is one MULTI; a few thousand jobs a call keeps each round trip and its memory bounded.
      for (let i = 0; i < jobs.length; i += 5_000) {
        await redis(() => theQueue().addBulk(jobs.slice(i, i + 5_000).map((j) => ({ name: j.name, data: j.payload, opts: jobOptions(j.options) }))));
      }
    },
    inspect: ({ failureLimit = 50 } = {}) => redis(async () => {
      const q = theQueue();
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children');
      const failed = await q.getFailed(0, failureLimit - 1);
      const failures: JobFailure[] = failed
        .filter((job) => job && job.id)
        .map((job) => ({
          id: job.id!,
          name: job.name,
          reason: job.failedReason ?? '',
          attempts: job.attemptsMade,
          failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
        }))
        .sort((a, b) => b.failedAt.localeCompare(a.failedAt));
      return {
        queues: [
          {
            name: QUEUE_NAME,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            completed: counts.completed ?? 0,
          },
        ],
        failures,
      };
    }),
    retry: (id) => redis(async () => {
      // A queue's own keys sit beside the jobs' hashes: `meta` is a hash without a job's name, `events` a
      // stream (WRONGTYPE). Neither is a job.
      const job = await theQueue()
        .getJob(id)
        .catch((err: Error) => {
          if (/WRONGTYPE/.test(err.message)) return undefined;
          throw err;
        });
      if (!job || !job.name) return 'not_found';
      if (!(await job.isFailed())) return 'not_failed';
      // A retried job starts from its first attempt again, with its backoff.
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return 'retried';
    }),
  };
  return { producer, queue: theQueue, close: async () => queue?.close() };
}
