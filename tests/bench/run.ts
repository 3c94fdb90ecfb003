/**
 * `npm run bench [-- --quick]`: how fast the request path is, as ratios against baselines measured in
 * the same run (ARCHITECTURE "Speed"; ADR 015). It builds the production bundle first. For each load
 * case: a warm-up, then five rounds that alternate the baseline and the case; the table gives the median
 * requests per second, p50 and p99, the median of the rounds' ratios to the baseline, the target and a
 * verdict. Then the API's peak memory under the /me load, and the time
 * from the production start command to the first healthy answer. The full run writes the table, with a
 * description of the machine, to docs/benchmarks.md.
 *
 * Issue 12: every load case runs on the large data (`seed --scale large`) on SQLite and on PostgreSQL, each with
 * WEB_CONCURRENCY 1 and 2: a column for each in the table. Each database is seeded once, before anything is
 * timed; the API processes' memory is sampled under the /me load; the worker's under its loads.
 * `--db sqlite|postgres` and `--concurrency 1|2` run only those columns; `--scale demo` runs on the demo
 * hospital with 100,000 patients (the quick check's data).
 *
 * `--only "<case>"` runs one load case and prints its row without writing.
 * `--profile "<case>"` runs one case under `node --cpu-prof` (one API process, on the first `--db` and the `--scale`)
 * and prints where the API process spent its time.
 *
 * `--quick` runs every case once, briefly, and checks only that each ran and answered as it must (CI runs
 * it so the harness never rots); it judges no timing and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from './profile';
import { baselineRequest, LOAD_CASES, TARGETS, type LoadCase } from './cases';
import { runLoad, type LoadResult } from './load';
import { benchContext } from './context';
import { dashboardUncachedRow } from './dashboard-uncached';
import { exportRow, reminderEnqueueRow, reminderSendRow } from './background';
import { peakRssDuring, prepareDatabase, ROOT, startBaseline, startWardline, THREADS, type BenchDatabase, type DatabaseKind, type Wardline } from './processes';
import { renderMarkdown, renderMatrixTable, renderTable, type Cell, type Row } from './report';
import { workerMemoryRow } from './worker-memory';

const quick = process.argv.includes('--quick');
const profileIndex = process.argv.indexOf('--profile');
/** `--profile "<case>"`: run that one case for 10 s under --cpu-prof and print where the API's time went. */
const profileCase = profileIndex >= 0 ? process.argv[profileIndex + 1] ?? '' : null;
const onlyIndex = process.argv.indexOf('--only');
/** `--only "<case>"`: just that load case (while working on it); the table is printed, not written. */
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] ?? '' : null;
const cases = only === null ? LOAD_CASES : LOAD_CASES.filter((c) => c.name.toLowerCase().includes(only.toLowerCase()));
// 3 rounds of 3 s (5 of 4 before issue 12): four columns of eleven cases keep a full run near half an hour.
const SECONDS = quick ? 1 : 3;
const ROUNDS = quick ? 1 : 3;
const WARMUP_SECONDS = quick ? 0 : 2;
const argument = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] ?? '' : null;
};
const SCALE = (argument('--scale') ?? (quick ? 'demo' : 'large')) as 'large' | 'demo';
const KINDS = (argument('--db') ? [argument('--db')] : ['sqlite', 'postgres']) as DatabaseKind[];
const CONCURRENCIES = argument('--concurrency') ? [Number(argument('--concurrency'))] : [1, 2];
if (!['large', 'demo'].includes(SCALE) || KINDS.some((k) => !['sqlite', 'postgres'].includes(k)) || CONCURRENCIES.some((n) => !(n >= 1))) {
  console.error('usage: npm run bench -- [--quick] [--scale large|demo] [--db sqlite|postgres] [--concurrency N] [--only "<case>"] [--profile "<case>"]');
  process.exit(2);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function progress(message: string) {
  process.stderr.write(`${message}\n`);
}

/** Every answer had the expected status and nothing failed at the socket. */
function wrongAnswers(result: LoadResult, status: number): string | null {
  const other = Object.entries(result.statuses).filter(([code]) => Number(code) !== status);
  const total = Object.values(result.statuses).reduce((a, b) => a + b, 0);
  if (total === 0) return 'no answers at all';
  if (other.length > 0) return `answers other than ${status}: ${other.map(([c, n]) => `${n}× ${c}`).join(', ')}`;
  if (result.errors > 0 || result.timeouts > 0) return `${result.errors} errors, ${result.timeouts} timeouts`;
  return null;
}

/** `npm start` in production runs what `npm run build` made: build it first, as a deployment would. */
function buildProduction() {
  progress('building the production bundle (npm run build)');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

async function profile(name: string) {
  const c = LOAD_CASES.find((x) => x.name.toLowerCase().includes(name.toLowerCase()));
  if (!c) throw new Error(`no case matches "${name}": ${LOAD_CASES.map((x) => x.name).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'wardline-profile-'));
  // On the data and database a run would use (--db, --scale), one API process, so the profile is that one's.
  const kind = KINDS[0]!;
  progress(`profiling "${c.name}" on ${kind}, seed --scale ${SCALE} (seeding first)`);
  const database = await prepareDatabase(kind, SCALE);
  const wardline = await startWardline({ NODE_ARGS: `--cpu-prof --cpu-prof-dir=${dir}`, WEB_CONCURRENCY: '1' }, { database }).catch(async (err) => {
    await database.drop();
    throw err;
  });
  try {
    const ctx = await benchContext(wardline);
    await runLoad(c.request(ctx), { connections: c.connections, seconds: 2 });
    const result = await runLoad(c.request(ctx), { connections: c.connections, seconds: 10 });
    progress(`${c.name}: ${Math.round(result.requestsPerSecond)} req/s under the profiler`);
  } finally {
    await wardline.cleanup();
    await database.drop();
  }
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!file) throw new Error(`no profile was written to ${dir}`);
  console.log(summariseProfile(file));
  console.log(`\nThe whole profile: ${file} (open it in Chrome DevTools, Performance tab).`);
}

async function main() {
  buildProduction();
  if (profileCase !== null) return profile(profileCase);
  const problems: string[] = [];
  const rows: Row[] = [];
  const columns: Cell[] = [];
  progress(
    `bench: ${quick ? 'quick check' : 'full run'} on seed --scale ${SCALE}, ${KINDS.join(' and ')} × WEB_CONCURRENCY ${CONCURRENCIES.join(' and ')}; ` +
      `${ROUNDS} round(s) of ${SECONDS} s per case, UV_THREADPOOL_SIZE=${THREADS}`,
  );

  for (const kind of KINDS) {
    progress(`seeding ${kind} (seed --scale ${SCALE}), before anything is timed`);
    const database = await prepareDatabase(kind, SCALE);
    progress(`  seeded in ${database.seedSeconds.toFixed(0)} s`);
    if (only === null) {
      const limit = kind === 'sqlite' && SCALE === 'large' ? 180 : null;
      rows.push({
        name: `seed --scale ${SCALE} on ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
        value: `${database.seedSeconds.toFixed(0)} s`,
        target: limit ? `≤ ${limit} s` : '(none set)',
        verdict: limit ? (database.seedSeconds <= limit ? 'met' : 'missed') : 'reported',
      });
    }
    try {
      for (const [index, processes] of CONCURRENCIES.entries()) {
        const label = `${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ×${processes}`;
        progress(`${label}: starting Wardline with WEB_CONCURRENCY=${processes}`);
        const cellRows = await measureCell(database, processes, label, problems, index === 0);
        columns.push({ label, rows: cellRows });
      }
    } finally {
      await database.drop().catch((err: Error) => problems.push(`dropping the ${kind} database: ${err.message}`));
    }
  }

  // Background work (issue 9), in this process against bare BullMQ and raw SQLite (tests/bench/background.ts),
  // and the worker's memory in a worker process of its own (issue 12): once, not per column.
  const background = [
    { name: 'daily-reminders enqueue', run: () => reminderEnqueueRow({ appointments: quick ? 2_000 : 100_000, rounds: ROUNDS }) },
    { name: 'reminders sent over smtp', run: () => reminderSendRow({ mails: quick ? 200 : 10_000, rounds: quick ? 1 : 3 }) },
    { name: 'patient export', run: () => exportRow({ visits: quick ? 100 : 1_000, rounds: ROUNDS }) },
    { name: 'worker memory', run: () => workerMemoryRow({ reminders: quick ? 200 : 10_000, visits: quick ? 100 : 1_000 }) },
  ].filter((b) => only === null || b.name.includes(only.toLowerCase()) || 'background'.includes(only.toLowerCase()));
  for (const b of background) {
    progress(`background: ${b.name}`);
    try {
      rows.push(await b.run());
    } catch (err) {
      problems.push(`${b.name}: ${(err as Error).message}`);
    }
  }
  if (only !== null) return finish(rows, problems, columns);

  progress('start-up to the first healthy answer, production mode (SQLite, one API process)');
  const starts: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const again = await startWardline({ WEB_CONCURRENCY: '1' });
    starts.push(again.startMs);
    await again.cleanup();
  }
  const startMs = median(starts);
  rows.push({
    name: 'start to first healthy answer (production)',
    value: `${Math.round(startMs)} ms`,
    target: `≤ ${TARGETS.startMs} ms`,
    verdict: startMs <= TARGETS.startMs ? 'met' : 'missed',
  });

  finish(rows, problems, columns);
}

/** One column: Wardline with `processes` API processes on `database`, every load case against its baselines. */
async function measureCell(database: BenchDatabase, processes: number, label: string, problems: string[], first: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const wardline: Wardline = await startWardline({ WEB_CONCURRENCY: String(processes) }, { database });
  const baseline = await startBaseline(database.url);
  try {
    const ctx = await benchContext(wardline);
    let rssUnderMe: number | null = null;
    for (const [i, c] of cases.entries()) {
      progress(`${label} [${i + 1}/${cases.length}] ${c.name} (baseline: ${c.baseline})`);
      const base = baselineRequest(c.baseline, baseline.port, ctx);
      const second = c.alsoAgainst ? baselineRequest(c.alsoAgainst.baseline, baseline.port, ctx) : null;
      const load = { connections: c.connections, seconds: SECONDS };
      if (WARMUP_SECONDS > 0) {
        await runLoad(base, { connections: c.connections, seconds: WARMUP_SECONDS });
        await runLoad(c.request(ctx), { connections: c.connections, seconds: WARMUP_SECONDS });
      }
      const baseRuns: LoadResult[] = [];
      const secondRuns: LoadResult[] = [];
      const caseRuns: LoadResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        baseRuns.push(await runLoad(base, load));
        if (second) secondRuns.push(await runLoad(second, load));
        // Every API process sampled; the peak of the largest one is what the target is about.
        const measured = await peakRssDuring(wardline.apiPids(), () => runLoad(c.request(ctx), load));
        caseRuns.push(measured.result);
        if (c.name === 'GET /api/auth/me' && measured.peakMb !== null) rssUnderMe = Math.max(rssUnderMe ?? 0, measured.peakMb);
        progress(`  round ${round + 1}: ${Math.round(caseRuns.at(-1)!.requestsPerSecond)} req/s against ${Math.round(baseRuns.at(-1)!.requestsPerSecond)}`);
      }
      for (const run of caseRuns) {
        const wrong = wrongAnswers(run, c.status);
        if (wrong) problems.push(`${label}: ${c.name}: ${wrong}`);
      }
      for (const run of baseRuns) {
        const wrong = wrongAnswers(run, 200);
        if (wrong) problems.push(`${label}: ${c.name} baseline: ${wrong}`);
      }
      for (const run of secondRuns) {
        const wrong = wrongAnswers(run, 201);
        if (wrong) problems.push(`${label}: ${c.name} second baseline: ${wrong}`);
      }
      rows.push(loadRow(c, caseRuns, baseRuns));
      if (c.alsoAgainst) rows.push(loadRow({ ...c, baseline: c.alsoAgainst.baseline, target: { ratio: c.alsoAgainst.ratio } }, caseRuns, secondRuns));
    }
    if (cases.some((c) => c.name === 'GET /api/auth/me')) {
      rows.push({
        name: 'API peak RSS under the /me load (largest API process)',
        value: rssUnderMe === null ? 'n/a' : `${rssUnderMe.toFixed(0)} MB`,
        target: `≤ ${TARGETS.peakRssMb} MB`,
        verdict: rssUnderMe === null ? 'not measured (no /proc)' : rssUnderMe <= TARGETS.peakRssMb ? 'met' : 'missed',
      });
    }
    // In process, so once a database (the first column of it), not once per process count.
    if (first && (only === null || 'admin dashboard uncached'.includes(only.toLowerCase()))) {
      progress(`${label}: admin dashboard uncached against its raw aggregate SQL, in process`);
      rows.push(await dashboardUncachedRow(database.url, { rounds: ROUNDS, iterations: quick ? 5 : 200 }));
    }
  } catch (err) {
    problems.push(`${label}: ${(err as Error).message}`);
  } finally {
    await baseline.stop();
    await wardline.cleanup();
  }
  return rows;
}

function finish(rows: Row[], problems: string[], columns: Cell[] = []) {
  if (columns.length > 0) console.log(renderMatrixTable(columns));
  if (rows.length > 0) console.log(renderTable(rows));
  if (problems.length > 0) {
    console.error(`\nbench: FAILED\n- ${problems.join('\n- ')}`);
    // Not process.exit: the servers of a column are stopped in their own finally.
    process.exitCode = 1;
    return;
  }
  if (quick) {
    console.log(`\nbench --quick: every case ran in ${columns.length} column(s) and answered as it must (timings are not judged in quick mode).`);
    return;
  }
  // Only a full run of every column writes the table.
  if (only !== null || KINDS.length < 2 || CONCURRENCIES.length < 2 || SCALE !== 'large') return;
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}`;
  const file = join(ROOT, 'docs/benchmarks.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : null;
  writeFileSync(
    file,
    renderMarkdown(rows, { machine, threads: THREADS, seconds: SECONDS, rounds: ROUNDS, when: new Date().toISOString().slice(0, 16).replace('T', ' '), scale: SCALE }, previous, columns),
  );
  console.log(`\nWritten to docs/benchmarks.md (${machine}).`);
}

const BASELINE_NAMES = {
  hello: 'Hono hello',
  verify: 'argon2id verify',
  range: 'the raw range query',
  book: 'the raw booking transaction',
} as const;

function loadRow(c: LoadCase, caseRuns: LoadResult[], baseRuns: LoadResult[]): Row {
  const rps = median(caseRuns.map((r) => r.requestsPerSecond));
  const baseRps = median(baseRuns.map((r) => r.requestsPerSecond));
  const p50 = median(caseRuns.map((r) => r.p50));
  const p99 = median(caseRuns.map((r) => r.p99));
  // Each round's case against the baseline run just before it, then the median of those: the machine's
  // speed drifts (a shared VM), and a ratio of two medians taken minutes apart would carry the drift.
  const ratio = median(caseRuns.map((r, i) => (baseRuns[i]!.requestsPerSecond > 0 ? r.requestsPerSecond / baseRuns[i]!.requestsPerSecond : 0)));
  const target = c.target;
  // A case that got no answers met nothing, whatever its p99 of nothing says.
  const met = target
    ? rps > 0 && ratio >= target.ratio && (target.p99Ms === undefined || p99 <= target.p99Ms) && (target.p50Ms === undefined || p50 <= target.p50Ms)
    : null;
  const wanted = target
    ? [target.ratio > 0 ? `≥ ${target.ratio.toFixed(2)}×` : null, target.p50Ms !== undefined ? `p50 ≤ ${target.p50Ms} ms` : null, target.p99Ms !== undefined ? `p99 ≤ ${target.p99Ms} ms` : null]
        .filter(Boolean)
        .join(', ')
    : '(none set)';
  return {
    name: `${c.name} (${c.connections} conn.)`,
    rps,
    p50,
    p99,
    ratio,
    baselineName: BASELINE_NAMES[c.baseline],
    baselineRps: baseRps,
    target: wanted,
    verdict: met === null ? 'reported' : met ? 'met' : 'missed',
  };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
