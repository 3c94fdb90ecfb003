/**
 * `JobProducer` over a Cloudflare Queue. A message is `{ name, payload, jobId }`: one queue carries
 * every job kind, as the BullMQ queue does under Node. Queues do not deduplicate by id, so `jobId`
 * travels in the body for the consumer's idempotency check (the delivery log, ARCHITECTURE rule 5).
 * Without a JOBS binding (a local run with no queue configured) enqueueing only logs a warning, so
 * the request that caused it still succeeds.
 */
import type { JobProducer, Logger } from '../deps';

export interface JobMessage {
  name: string;
  payload: Record<string, string | number>;
  jobId: string | null;
}

/** The part of `Queue` we use. */
export interface QueueSender {
  send(message: JobMessage, options?: { delaySeconds?: number }): Promise<unknown>;
}

/** Queues accept a delay of at most 12 hours. */
const MAX_DELAY_SECONDS = 12 * 3600;

export function createQueueProducer(queue: QueueSender | undefined, log: Logger): JobProducer {
  return {
    async enqueue(name, payload, options = {}) {
      const message: JobMessage = { name, payload, jobId: options.jobId ?? null };
      if (!queue) {
        log.warn('job not enqueued: no JOBS queue binding', { job: name, jobId: message.jobId });
        return;
      }
      const delaySeconds = options.delayMs ? Math.ceil(options.delayMs / 1000) : undefined;
      // Clamping would run the job early (a reminder hours too soon): refuse instead, loudly.
      if (delaySeconds !== undefined && delaySeconds > MAX_DELAY_SECONDS) {
        throw new Error(`Cloudflare Queues delay a message by at most ${MAX_DELAY_SECONDS} s; job ${name} asked for ${delaySeconds} s`);
      }
      await queue.send(message, delaySeconds === undefined ? undefined : { delaySeconds });
    },
  };
}
