/**
 * Registers each scheduled function as a BullMQ job scheduler on the worker's queue (same name and key
 * prefix as shared/runtime/node/bullmq-producer.ts), with its cron read in the hospital's zone: BullMQ
 * works out the next run through daylight-saving changes. Upserting is idempotent, so every process
 * that starts a worker calls this; a scheduler id ('daily-reminders') exists once per queue however
 * many processes call it, and a changed REMINDER_TIME replaces the pattern at the next start.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Deps } from '../shared/runtime/deps';
import { QUEUE_NAME, jobOptions } from '../shared/runtime/node/bullmq-producer';
import { SCHEDULED_FUNCTIONS } from './scheduled-functions';

const { jobId: _jobId, delay: _delay, ...schedulerJobOptions } = jobOptions();

export async function registerSchedulers(deps: Pick<Deps, 'config' | 'log'>, connection: Redis): Promise<void> {
  const queue = new Queue(QUEUE_NAME, { connection, prefix: `${deps.config.redisKeyPrefix}bull` });
  queue.on('error', (err) => deps.log.debug('scheduler queue error', { error: err.message }));
  try {
    for (const fn of SCHEDULED_FUNCTIONS) {
      const pattern = fn.cron(deps.config);
      await queue.upsertJobScheduler(
        fn.name,
        { pattern, tz: deps.config.hospitalTimeZone },
        // A run that fails is retried and kept like any other job (the scheduler makes the job's id).
        { name: fn.job, data: {}, opts: schedulerJobOptions },
      );
      deps.log.info('job scheduler registered', { id: fn.name, pattern, tz: deps.config.hospitalTimeZone });
    }
  } finally {
    await queue.close();
  }
}
