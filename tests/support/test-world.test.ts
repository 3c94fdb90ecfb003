/**
 * The test world is on the database its vitest project is for, migrated, isolated from other worlds,
 * and gone after cleanup. Runs in both projects (vitest.config.ts), so each proves its own database.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { createUser } from './users';
import { createTestWorld } from './test-deps';
import { testDatabaseKind } from './test-database';

const kind = testDatabaseKind();

async function schemaExists(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe(`the test world on ${kind}`, () => {
  test('opens the database of this project, migrated, and cleanup removes it', async () => {
    const world = await createTestWorld();
    let schema: string | undefined;
    try {
      expect(world.database.kind).toBe(kind);
      expect(world.config.database.kind).toBe(kind);
      if (kind === 'postgres') {
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(world.deps.db);
        schema = rows[0]!.schema;
        expect(schema).toMatch(/^wardline_test_[a-z0-9]{8}$/);
        expect(await schemaExists(world.database.url, schema)).toBe(true);
      } else {
        const { rows } = await sql<{ version: string }>`select sqlite_version() as version`.execute(world.deps.db);
        expect(rows[0]!.version).toMatch(/^3\./);
        expect(existsSync(world.database.url)).toBe(true);
      }
      const { n } = await world.deps.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(n)).toBe(0);
    } finally {
      await world.cleanup();
    }
    if (kind === 'postgres') expect(await schemaExists(world.database.url, schema!)).toBe(false);
    else expect(existsSync(dirname(world.database.url))).toBe(false);
  });

  test('two worlds at once each have a database of their own', async () => {
    const [one, two] = [await createTestWorld(), await createTestWorld()];
    try {
      expect(one.database.url).not.toBe(two.database.url);
      const user = await createUser(one.deps);
      expect(await one.deps.db.selectFrom('users').select('id').where('id', '=', user.id).execute()).toHaveLength(1);
      expect(await two.deps.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await one.cleanup();
      await two.cleanup();
    }
  });

  test('TEST_DB names sqlite or postgres; anything else is an error, not a quiet run on SQLite', () => {
    expect(testDatabaseKind({})).toBe('sqlite');
    expect(testDatabaseKind({ TEST_DB: 'sqlite' })).toBe('sqlite');
    expect(testDatabaseKind({ TEST_DB: 'postgres' })).toBe('postgres');
    expect(() => testDatabaseKind({ TEST_DB: 'postgresql' })).toThrow('TEST_DB must be sqlite or postgres, not postgresql');
  });
});
