/**
 * Kysely over D1 (kysely-d1), plus the one thing kysely-d1 lacks: `db.transaction()`. Its driver throws
 * "Transactions are not supported yet" because D1 has no interactive transactions, yet functions such
 * as register write the user, the patient row and the audit row in one transaction (ARCHITECTURE
 * rule 8). D1 does have `batch()`, which runs statements atomically, so a transaction here is:
 *
 * - writes (insert, update, delete) are held back and sent as one atomic batch at commit; an error in
 *   any of them (a unique-index violation, say) rolls the whole batch back and surfaces from commit;
 * - reads run at once, before those writes, and without isolation from other requests (the unique
 *   indexes guard invariants, STACK.md);
 * - what cannot be emulated fails loudly instead of answering wrongly: a read after a held-back write
 *   (it could not see it), a write with RETURNING (no rows until commit), raw SQL that is not a plain
 *   SELECT. A held-back write reports no affected rows, so code inside a transaction must not branch on
 *   `numUpdatedRows`/`numDeletedRows`: do such conditional writes outside the transaction.
 * Outside a transaction every query goes straight to kysely-d1. The introspector is our own too
 * (d1-introspector.ts): Kysely's trips over D1's internal tables.
 */
import {
  Kysely,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Driver,
  type QueryResult,
} from 'kysely';
import { D1Dialect } from 'kysely-d1';
// Imported rather than global so the adapter also type-checks under Node (tests/worker/d1-database.test.ts).
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import type { Database } from '../../db/schema';
import { D1Introspector } from './d1-introspector';

export function openD1(database: D1Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new BatchingD1Dialect(database) });
}

class BatchingD1Dialect extends D1Dialect {
  constructor(private readonly database: D1Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new BatchingD1Driver(super.createDriver(), this.database);
  }

  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new D1Introspector(db);
  }
}

class BatchingD1Driver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly database: D1Database,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new BatchingD1Connection(await this.inner.acquireConnection(), this.database);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Isolation and access-mode settings cannot be honoured beyond what batch() gives (serialised,
    // all-or-nothing writes), so they are accepted and ignored.
    asBatching(connection).begin();
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return asBatching(connection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    asBatching(connection).rollback();
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(asBatching(connection).inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}

function asBatching(connection: DatabaseConnection): BatchingD1Connection {
  if (!(connection instanceof BatchingD1Connection)) throw new Error('not a connection of the D1 batching driver');
  return connection;
}

type Kind = 'read' | 'write';

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

function classify(query: CompiledQuery): Kind {
  const node = query.query as { kind: string; returning?: unknown };
  if (node.kind === 'SelectQueryNode') return 'read';
  if (WRITE_NODES.has(node.kind)) {
    if (node.returning) throw unsupported('a write with RETURNING (its rows exist only after commit)');
    return 'write';
  }
  if (node.kind === 'RawNode' && /^\s*select\b/i.test(query.sql)) return 'read';
  throw unsupported(`${node.kind === 'RawNode' ? 'raw SQL other than a plain SELECT' : node.kind}`);
}

function unsupported(what: string): Error {
  return new Error(`D1 transactions are emulated with batch(); ${what} cannot run inside one (see shared/runtime/worker/d1-database.ts)`);
}

class BatchingD1Connection implements DatabaseConnection {
  /** Held-back writes of the open transaction; null outside a transaction. */
  private pending: D1PreparedStatement[] | null = null;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly database: D1Database,
  ) {}

  begin() {
    this.pending = [];
  }

  async commit() {
    const statements = this.pending ?? [];
    this.pending = null;
    if (statements.length > 0) await this.database.batch(statements);
  }

  rollback() {
    this.pending = null;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.pending === null) return this.direct<R>(query);
    if (classify(query) === 'read') {
      if (this.pending.length > 0) throw unsupported('a read after a write (it would not see the write)');
      return this.direct<R>(query);
    }
    this.pending.push(this.database.prepare(query.sql).bind(...query.parameters));
    return { rows: [] };
  }

  private async direct<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // kysely-d1 0.4 also sets the pre-0.23 field `numUpdatedOrDeletedRows`, and Kysely prints an
    // "outdated driver" warning the first time it sees it. The value is already in numAffectedRows.
    const { numUpdatedOrDeletedRows: _legacy, ...result } = (await this.inner.executeQuery<R>(query)) as QueryResult<R> & {
      numUpdatedOrDeletedRows?: bigint;
    };
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
