/** Reading a test world's BullMQ queue back (the same name and key prefix the producer writes to). */
import { Queue, type Job } from 'bullmq';
import type { Config } from '../../shared/config';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import { QUEUE_NAME } from '../../shared/runtime/node/bullmq-producer';

export interface QueueReader {
  queue: Queue;
  /** Every job of `name` in any state, by id. */
  jobsNamed(name: string): Promise<Job[]>;
  close(): Promise<void>;
}

export function readQueue(config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'>): QueueReader {
  const connection = connectRedis(config.redisUrl);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: `${config.redisKeyPrefix}bull` });
  return {
    queue,
    async jobsNamed(name) {
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'], 0, -1);
      return jobs.filter((job) => job && job.name === name);
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
