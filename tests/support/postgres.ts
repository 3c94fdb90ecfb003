/**
 * Where the tests find PostgreSQL: TEST_DATABASE_URL when set, else the server on 127.0.0.1:5432
 * (database `test`, trust auth) as the `postgres` user, then as `root`. Used by vitest.config.ts to
 * decide whether the postgres project runs, and by the test world to make a schema of its own.
 */
import pg from 'pg';

export function postgresCandidates(env: Record<string, string | undefined> = process.env): string[] {
  return env.TEST_DATABASE_URL
    ? [env.TEST_DATABASE_URL]
    : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
}

/** The first candidate that answers `select 1`, or null when none does. */
export async function findPostgres(candidates: string[] = postgresCandidates()): Promise<string | null> {
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch {
      // not this one
    } finally {
      await client.end().catch(() => {});
    }
  }
  return null;
}

/** The server URL without any password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Like findPostgres, but throws a message that says where it looked and how to fix it. */
export async function requirePostgres(candidates: string[] = postgresCandidates()): Promise<string> {
  const url = await findPostgres(candidates);
  if (url) return url;
  throw new Error(
    `PostgreSQL does not answer at ${candidates.map(redactUrl).join(' or ')}. ` +
      'Start it (.ci/run shows how on Debian), or set TEST_DATABASE_URL to a database the tests may create schemas in.',
  );
}

/** `wardline_test_` and eight random letters and digits: a schema name no other run will pick. */
export function newSchemaName(): string {
  return `wardline_test_${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`;
}

/**
 * The server URL with the schema as the connection's search path (`options=-c search_path=...`,
 * which both pg and libpq read), so a child process given only DATABASE_URL works in the same schema.
 */
export function urlWithSchema(url: string, schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Runs one statement on its own short-lived connection (creating and dropping schemas). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}
