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
  sendBatch?(messages: Array<{ body: JobMessage; delaySeconds?: number }>): Promise<unknown>;
}

/** Queues accept a delay of at most 12 hours. */
const MAX_DELAY_SECONDS = 12 * 3600;

export function createQueueProducer(queue: QueueSender | undefined, log: Logger): JobProducer {
  const producer: JobProducer = {
    async enqueueMany(jobs) {
      // sendBatch takes at most 100 messages; without it (an older binding) one send each.
      for (let i = 0; i < jobs.length; i += 100) {
        const part = jobs.slice(i, i + 100);
        if (queue?.sendBatch && part.every((j) => !j.options?.delayMs)) {
          await queue.sendBatch(part.map((j) => ({ body: { name: j.name, payload: j.payload, jobId: j.options?.jobId ?? null } })));
        } else {
          for (const j of part) await producer.enqueue(j.name, j.payload, j.options);
        }
      }
    },
    // Cloudflare Queues cannot be inspected from inside a Worker: the dashboard and `wrangler queues` show them.
    async inspect() {
      return { queues: [], failures: [] };
    },
    async retry() {
      return 'not_found';
    },
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
  return producer;
}
