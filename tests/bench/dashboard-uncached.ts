/**
 * The admin dashboard computed afresh (a cache miss) against its raw aggregate SQL, in this process on the
 * bench's own database file (issue 8: uncached ≤ 1.5 × the raw aggregate SQL). The raw side is the very SQL
 * the dashboard runs, captured from Kysely's log on a first run and then executed as prepared statements with
 * nothing around them; the case is `computeDashboard` as the endpoint calls it on a miss. Rounds alternate
 * the two, and the ratio is the median of the rounds' ratios of mean times.
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type LogEvent } from 'kysely';
import pg from 'pg';
import { computeDashboard } from '../../shared/admin/dashboard';
import type { Database } from '../../shared/db/schema';
import { openDatabase } from '../../shared/runtime/node/database';
import type { Row } from './report';

const TARGET = 1.5;

export async function dashboardUncachedRow(databasePath: string, options: { rounds: number; iterations: number; timeZone?: string }): Promise<Row> {
  const timeZone = options.timeZone ?? 'UTC';
  const postgres = /^postgres(ql)?:\/\//.test(databasePath);
  const captured: CompiledQuery[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const logging = new Kysely<Database>({
    dialect: postgres
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: databasePath, max: 1 }) })
      : new SqliteDialect({ database: new SQLite(databasePath, { readonly: true }) }),
    log,
  });
  await computeDashboard(logging, new Date(), timeZone);
  await logging.destroy();

  // The raw side: the same statements, prepared once, run one after another with nothing around them.
  let runRaw: () => Promise<unknown>;
  let closeRaw: () => Promise<void>;
  if (postgres) {
    const client = new pg.Client({ connectionString: databasePath });
    await client.connect();
    runRaw = async () => {
      for (const [i, q] of captured.entries()) await client.query({ name: `dashboard-${i}`, text: q.sql, values: q.parameters as unknown[] });
    };
    closeRaw = () => client.end();
  } else {
    const raw = new SQLite(databasePath, { readonly: true });
    const statements = captured.map((q) => ({ statement: raw.prepare(q.sql), parameters: q.parameters as unknown[] }));
    runRaw = async () => statements.map((st) => st.statement.all(...st.parameters));
    closeRaw = async () => void raw.close();
  }
  const db = openDatabase(postgres ? { kind: 'postgres', url: databasePath } : { kind: 'sqlite', path: databasePath });
  const mean = async (work: () => unknown) => {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) await work();
    return (performance.now() - started) / iterations;
  };
  // As many iterations as fit about two seconds a side (at least 3): on a million appointments one compute
  // takes far longer than on the demo's thousand.
  const once = performance.now();
  await computeDashboard(db, new Date(), timeZone);
  const iterations = Math.max(3, Math.min(options.iterations, Math.floor(2_000 / Math.max(performance.now() - once, 0.01))));
  const ratios: number[] = [];
  let caseMs = 0;
  let rawMs = 0;
  try {
    for (let round = 0; round < options.rounds; round++) {
      rawMs = await mean(runRaw);
      caseMs = await mean(() => computeDashboard(db, new Date(), timeZone));
      ratios.push(caseMs / rawMs);
    }
  } finally {
    await closeRaw();
    await db.destroy();
  }
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  return {
    name: `admin dashboard uncached, in process (${captured.length} queries)`,
    value: `${caseMs.toFixed(2)} ms against ${rawMs.toFixed(2)} ms raw: ${ratio.toFixed(2)}×`,
    target: `≤ ${TARGET}× the raw aggregate SQL`,
    verdict: ratio <= TARGET ? 'met' : 'missed',
  };
}
