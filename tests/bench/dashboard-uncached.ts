/**
 * The admin dashboard computed afresh (a cache miss) against its raw aggregate SQL, in this process on the
 * bench's own database file (issue 8: uncached ≤ 1.5 × the raw aggregate SQL). The raw side is the very SQL
 * the dashboard runs, captured from Kysely's log on a first run and then executed as prepared statements with
 * nothing around them; the case is `computeDashboard` as the endpoint calls it on a miss. Rounds alternate
 * the two, and the ratio is the median of the rounds' ratios of mean times.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { computeDashboard } from '../../shared/admin/dashboard';
import type { Database } from '../../shared/db/schema';
import { openDatabase } from '../../shared/runtime/node/database';
import type { Row } from './report';

const TARGET = 1.5;

export async function dashboardUncachedRow(databasePath: string, options: { rounds: number; iterations: number; timeZone?: string }): Promise<Row> {
  const timeZone = options.timeZone ?? 'UTC';
  const captured: CompiledQuery[] = [];
  const logging = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SQLite(databasePath, { readonly: true }) }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  await computeDashboard(logging, new Date(), timeZone);
  await logging.destroy();

  const raw = new SQLite(databasePath, { readonly: true });
  const statements = captured.map((q) => ({ statement: raw.prepare(q.sql), parameters: q.parameters as unknown[] }));
  const db = openDatabase({ kind: 'sqlite', path: databasePath });
  const mean = async (work: () => unknown) => {
    const started = performance.now();
    for (let i = 0; i < options.iterations; i++) await work();
    return (performance.now() - started) / options.iterations;
  };
  const ratios: number[] = [];
  let caseMs = 0;
  let rawMs = 0;
  try {
    for (let round = 0; round < options.rounds; round++) {
      rawMs = await mean(() => statements.map((s) => s.statement.all(...s.parameters)));
      caseMs = await mean(() => computeDashboard(db, new Date(), timeZone));
      ratios.push(caseMs / rawMs);
    }
  } finally {
    raw.close();
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
