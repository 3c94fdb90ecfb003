/**
 * The outbox (ARCHITECTURE rule 5): work for the job queue written in the SAME transaction as the change
 * that calls for it, so a change is never committed without its job nor a job queued for a change that
 * rolled back. A relay (a later issue) hands pending rows to BullMQ with the row's id as the job id.
 * Payloads carry ids only, never patient data (rule 7). One plain INSERT, no RETURNING: safe inside a D1
 * transaction after its reads.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from '../ids';

export { JOBS } from './names';

/** Writes one outbox row; answers its id. Call it inside the change's transaction. */
export async function writeOutbox(
  trx: Kysely<Database> | Transaction<Database>,
  job: string,
  payload: Record<string, string | number>,
  at: Date | string,
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('outbox')
    .values({ id, job, payload: JSON.stringify(payload), created_at: typeof at === 'string' ? at : at.toISOString(), relayed_at: null, attempts: 0, last_error: null })
    .execute();
  return id;
}
