/**
 * Opens the configured database: SQLite by default (WAL, synchronous=FULL, a busy timeout, foreign
 * keys on) or PostgreSQL when DATABASE_URL is a postgres:// URL. Same schema and migrations on both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type DatabaseIntrospector, type Driver } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { SearchPathIntrospector } from './postgres-introspector';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // Clinical data: a committed write survives a power cut. Affordable at our volumes (STACK.md).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

/** PostgreSQL as Kysely speaks it, but introspecting only the schemas on the search path (see SearchPathIntrospector). */
class SearchPathPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}

/** Statements kept prepared; the API has a few dozen distinct queries, later issues some hundreds. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite dialect sees it, with prepared statements kept by their SQL. Kysely
 * prepares every query anew (about a tenth of the API's time on `GET /api/auth/me`, issue 6); the same
 * SQL with other parameters reuses the statement. Least recently used ones go past the bound.
 * Safe because Kysely runs one statement at a time on its single SQLite connection.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): Pick<SQLite.Database, 'prepare' | 'close'> {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(source: string) {
      let statement = statements.get(source);
      if (statement) {
        // Most recently used last, so the first key is the one to drop.
        statements.delete(source);
      } else {
        statement = sqlite.prepare(source);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(source, statement);
      return statement;
    },
    close() {
      statements.clear();
      return sqlite.close();
    },
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}

/**
 * SQLite whose transactions begin IMMEDIATE: the write lock is taken at BEGIN, so a transaction that reads
 * then writes (a booking checks, then inserts) waits its turn under busy_timeout when another process
 * writes, instead of failing with SQLITE_BUSY when it tries to upgrade a read lock (ARCHITECTURE rule 4).
 * Every transaction of ours writes, so nothing is lost by taking the lock early.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    // An own property over the prototype's method (the driver keeps private fields, so no wrapper object).
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export function openDatabase(database: Config['database'], options: { schema?: string } = {}): Kysely<Database> {
  if (database.kind === 'sqlite') {
    return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(database.path)) as SQLite.Database }) });
  }
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`not a plain schema name: ${options.schema}`);
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 10,
    // Tests run in a schema of their own; production uses the default search path.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new SearchPathPostgresDialect({ pool }) });
}
