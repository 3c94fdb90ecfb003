/**
 * The BullMQ worker: one queue, one processor file per job name (registered in `processors`), and the
 * outbox relay beside it (relay-loop.ts), so wherever a worker runs, outbox rows reach the queue. It is
 * idle until the first jobs land; unknown job names fail loudly rather than vanish.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Deps } from '../shared/runtime/deps';
import { reportConnection } from '../shared/runtime/node/build-deps';
import { QUEUE_NAME } from '../shared/runtime/node/bullmq-producer';
import { isRedisConnectionError } from '../shared/runtime/node/redis-cache';
import { processors } from './processors';
import { startRelayLoop, type RelayLoop } from './relay-loop';

/** A BullMQ Worker whose close also stops its outbox relay (first, so no pass outlives the connections). */
export class JobWorker extends Worker {
  relay: RelayLoop | undefined;

  override async close(force = false): Promise<void> {
    await this.relay?.stop();
    return super.close(force);
  }
}

/** Jobs one worker runs at once: mail and database round trips overlap; the CPU work in each is small. */
export const WORKER_CONCURRENCY = 4;

export function startWorker(deps: Deps, connection: Redis, options: { relay?: boolean } = {}): JobWorker {
  const stallMs = deps.config.background.jobStallMs;
  const worker = new JobWorker(
    QUEUE_NAME,
    async (job: Job) => {
      const processor = processors[job.name];
      if (!processor) throw new Error(`no processor for job "${job.name}"`);
      await processor(deps, job.data as Record<string, string | number>, job);
    },
    {
      connection,
      prefix: `${deps.config.redisKeyPrefix}bull`,
      concurrency: WORKER_CONCURRENCY,
      // A killed worker's job is locked for lockDuration, then the next stall check (by any worker) puts it
      // back in the queue: it runs again after about one to two JOB_STALL_SECONDS (ADR 024).
      lockDuration: stallMs,
      stalledInterval: stallMs,
    },
  );
  worker.on('failed', (job, err) => deps.log.warn('job failed', { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: err.message }));
  // A lost connection is reported once by reportConnection (and again when it is back), not per retry.
  reportConnection(connection, deps.log);
  worker.on('error', (err) => {
    if (!isRedisConnectionError(err)) deps.log.error('worker error', { error: err.message });
  });
  if (options.relay !== false) worker.relay = startRelayLoop(deps);
  return worker;
}

/**
 * Closes a worker for a shutdown: the jobs in hand may finish within `limitMs` (answers true). Past it
 * (or with Redis gone, when a graceful close would wait forever) it answers false and the caller exits
 * the process: a BullMQ close cannot be forced once a graceful one is under way (a second `close(true)`
 * answers the first close's promise), and exiting is what forcing means here anyway: the job's lock is
 * no longer renewed, it lapses after JOB_STALL_SECONDS and the next worker's stall check runs the job
 * again. Jobs are idempotent (the delivery log), so a job run again is harmless.
 */
export async function closeWorker(worker: Worker, limitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = worker.close().then(
    () => true,
    () => false,
  );
  const inTime = await Promise.race([graceful, new Promise<false>((done) => (timer = setTimeout(() => done(false), limitMs)))]);
  clearTimeout(timer);
  return inTime;
}
