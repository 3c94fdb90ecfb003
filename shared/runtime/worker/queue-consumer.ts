/**
 * The Cloudflare Queue consumer: the Worker-side counterpart of jobs/worker.ts. Each message
 * (`{ name, payload, jobId }`, queue-producer.ts) runs the same processor as under BullMQ (jobs/processors.ts);
 * a message is acked when its processor succeeds and retried with the same exponential backoff as
 * BullMQ's (5 s, 10 s, 20 s, 40 s) when it throws. After `max_retries` (wrangler.toml: 4, so five
 * attempts as under Node) Cloudflare moves it to the dead-letter queue.
 *
 * Queues deliver at least once and do not deduplicate by id: a message may run twice, which the
 * processors' idempotency (the delivery log) makes harmless. In a Worker `deps.mail` has no transport
 * and throws (build-deps.ts): email jobs fail here and end in the dead-letter queue (ADR 024).
 */
import type { Job } from 'bullmq';
import { processors } from '../../../jobs/processors';
import type { Deps } from '../deps';
import type { JobMessage } from './queue-producer';

/** The part of a Queues message the consumer uses. */
export interface ConsumedMessage {
  id: string;
  attempts: number;
  body: JobMessage;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** BullMQ's backoff (bullmq-producer.ts): 5 s doubling per attempt already made. */
export function retryDelaySeconds(attempts: number): number {
  return 5 * 2 ** Math.max(0, attempts - 1);
}

export async function consumeJobs(deps: Deps, messages: readonly ConsumedMessage[]): Promise<void> {
  for (const message of messages) {
    const { name, payload, jobId } = message.body;
    try {
      const processor = processors[name];
      if (!processor) throw new Error(`no processor for job "${name}"`);
      // Processors are written against BullMQ's Job; here they get what a message holds: its id (the
      // outbox id, the delivery key of some jobs), name, payload and the attempts made before this one.
      const job = { id: jobId ?? message.id, name, data: payload, attemptsMade: message.attempts - 1 } as unknown as Job;
      await processor(deps, payload, job);
      message.ack();
    } catch (err) {
      deps.log.warn('job failed', { job: name, jobId, attempt: message.attempts, error: err instanceof Error ? err.message : String(err) });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
