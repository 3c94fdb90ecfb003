/**
 * The transactional outbox: a job to run after a change is written as a row in the change's own transaction,
 * so it exists exactly when the change does; a relay hands the rows to the queue later. The payload holds ids
 * only (never a name, an address or a clinical value).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from '../ids';

export async function writeOutbox(db: Kysely<Database> | Transaction<Database>, job: string, payload: Record<string, string>, at: string): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ id: newId(), job, payload: JSON.stringify(payload), created_at: at, relayed_at: null, attempts: 0, last_error: null })
    .execute();
}
