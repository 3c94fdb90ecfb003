/**
 * The little that must differ between the databases. Portable Kysely is the rule; where PostgreSQL needs
 * a lock that SQLite gets from BEGIN IMMEDIATE (and D1 from its batch), ask here instead of guessing.
 */
import { PostgresAdapter, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from './schema';

export function isPostgres(db: Kysely<Database> | Transaction<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * `select ... for update` on PostgreSQL: the rows read stay locked until the transaction ends, so a check
 * made on them holds for its writes. SQLite (BEGIN IMMEDIATE: one writer at a time) and D1 (no interactive
 * transactions) have no such clause; there the query runs as it is.
 */
export function lockedOnPostgres<DB, TB extends keyof DB, O>(
  db: Kysely<Database> | Transaction<Database>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate() : query;
}
