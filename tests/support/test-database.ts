/**
 * A database of a test's own, on whichever database this run is for: TEST_DB=postgres (the postgres
 * vitest project) gives a fresh schema in the PostgreSQL `test` database, anything else a fresh SQLite
 * file in a temp folder. Either way `url` is a DATABASE_URL, so a child process can open it too, and
 * `drop()` removes it all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminQuery, newSchemaName, postgresCandidates, requirePostgres, urlWithSchema } from './postgres';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** A DATABASE_URL: the SQLite file's path, or the server URL with the schema as search path. */
  url: string;
  /** Deletes the SQLite folder, or drops the schema with everything in it. Close connections first. */
  drop(): Promise<void>;
}

/** Which database this test process is for, from TEST_DB (set per vitest project). */
export function testDatabaseKind(env: Record<string, string | undefined> = process.env): TestDatabaseKind {
  const value = (env.TEST_DB ?? 'sqlite').trim().toLowerCase();
  if (value === 'sqlite' || value === '') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`TEST_DB must be sqlite or postgres, not ${env.TEST_DB}`);
}

let server: Promise<string> | undefined;

export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'wardline-test-'));
    return {
      kind,
      url: join(dir, 'test.db'),
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // One probe per test process; vitest.config.ts has already found the server and passes it on.
  server ??= requirePostgres(postgresCandidates());
  const base = await server;
  const schema = newSchemaName();
  await adminQuery(base, `create schema "${schema}"`);
  return {
    kind,
    url: urlWithSchema(base, schema),
    async drop() {
      await adminQuery(base, `drop schema if exists "${schema}" cascade`);
    },
  };
}
