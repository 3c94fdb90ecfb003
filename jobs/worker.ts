/**
 * The BullMQ worker: one queue, one processor file per job name (registered in `processors`). It is
 * idle until the first jobs land; unknown job names fail loudly rather than vanish.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Deps } from '../shared/runtime/deps';
import { reportConnection } from '../shared/runtime/node/build-deps';
import { QUEUE_NAME } from '../shared/runtime/node/bullmq-producer';
import { isRedisConnectionError } from '../shared/runtime/node/redis-cache';
import { processors } from './processors';

export function startWorker(deps: Deps, connection: Redis): Worker {
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      const processor = processors[job.name];
      if (!processor) throw new Error(`no processor for job "${job.name}"`);
      await processor(deps, job.data as Record<string, string | number>, job);
    },
    { connection, prefix: `${deps.config.redisKeyPrefix}bull`, concurrency: 4 },
  );
  worker.on('failed', (job, err) => deps.log.warn('job failed', { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: err.message }));
  // A lost connection is reported once by reportConnection (and again when it is back), not per retry.
  reportConnection(connection, deps.log);
  worker.on('error', (err) => {
    if (!isRedisConnectionError(err)) deps.log.error('worker error', { error: err.message });
  });
  return worker;
}
