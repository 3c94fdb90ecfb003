/**
 * The processes a bench run measures: Wardline started as `npm start` starts it in production (the
 * compiled bundle; `npm run build` first), with ports, a database and a Redis key prefix of its own, and
 * the bare-Hono baselines (hello.ts). Each is its own process; the load generator is a third.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../support/net';
import { deleteKeys } from '../support/redis-keys';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN = { email: 'bench-admin@hospital.local', password: 'steady load on the night shift' };
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Both servers get the same thread pool, as `npm start` sizes it in production: one thread a core. */
export const THREADS = String(process.env.UV_THREADPOOL_SIZE ?? (await import('node:os')).availableParallelism());

export interface Started {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Resident memory of a process now (Linux: VmRSS), in MB; null where /proc is not there. */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples processes' resident memory every 50 ms while `work` runs and answers the highest sample of any one
 * of them: the peak of one process under that load, not since it started (VmHWM would count start-up's
 * argon2 hashing). Several pids: the API processes of WEB_CONCURRENCY > 1, each judged alone.
 */
export async function peakRssDuring<T>(pids: number | number[], work: () => Promise<T>): Promise<{ result: T; peakMb: number | null }> {
  let peak: number | null = null;
  const sample = () => {
    for (const pid of Array.isArray(pids) ? pids : [pids]) {
      const now = rssMb(pid);
      if (now !== null) peak = Math.max(peak ?? 0, now);
    }
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** The baselines; with the Wardline database's path, also the raw query and transaction baselines. */
export async function startBaseline(databasePath?: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/hello.ts')], {
    cwd: ROOT,
    env: { ...process.env, UV_THREADPOOL_SIZE: THREADS, PORT: '0', ...(databasePath ? { BENCH_DATABASE: databasePath } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the baseline server exited with ${code}`)));
  });
  return { child, port, stop: stopper(child) };
}

export interface Wardline extends Started {
  /** Milliseconds from spawning the start command to the first 200 from /api/health. */
  startMs: number;
  logs: () => string;
  /** The database it runs on: a SQLite file's path or a postgres:// URL (DATABASE_URL). */
  databasePath: string;
  /** The processes serving the API: the runner itself, or with WEB_CONCURRENCY > 1 its API processes. */
  apiPids(): number[];
  cleanup(): Promise<void>;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** DATABASE_URL: a SQLite file's path or a postgres:// URL. */
  url: string;
  seedSeconds: number;
  drop(): Promise<void>;
}

/** The PostgreSQL server the bench makes its database on: BENCH_POSTGRES_URL, else where the tests find one. */
async function postgresServer(): Promise<string> {
  if (process.env.BENCH_POSTGRES_URL) return process.env.BENCH_POSTGRES_URL;
  const { requirePostgres } = await import('../support/postgres');
  return requirePostgres();
}

/**
 * A database of the bench's own, seeded before anything is timed, as a deployment's would be: SQLite, a file in
 * a temp folder; PostgreSQL, a database made on the server for this run and dropped after. `large` is
 * `npm run seed -- --scale large` (issue 12: 1,000 doctors, 100,000 patients, 1,000,000 appointments); `demo`
 * the demo hospital with 100,000 patients (the quick check's).
 */
export async function prepareDatabase(kind: DatabaseKind, scale: 'large' | 'demo'): Promise<BenchDatabase> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'wardline-bench-db-'));
    url = join(dir, 'bench.db');
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `wardline_bench_${Math.random().toString(36).slice(2, 10)}`;
    const server = new URL(await postgresServer());
    const admin = async (statement: string) => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const target = new URL(server.toString());
    target.pathname = `/${name}`;
    url = target.toString();
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const started = performance.now();
  const args = scale === 'large' ? ['--scale', 'large'] : ['--patients', '100000'];
  // The seed refuses production (its accounts share a published password): it runs as development would.
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/seed.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url, LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (seeded.status !== 0) {
    await drop().catch(() => {});
    throw new Error(`seeding the bench database (${kind}, ${scale}) failed:\n${seeded.stdout}`);
  }
  return { kind, url, seedSeconds: (performance.now() - started) / 1000, drop };
}

/** Starts Wardline in production mode as `npm start` does: `sh scripts/start.sh` (no npm in between, so the pid is the API's). */
export async function startWardline(extraEnv: Record<string, string> = {}, options: { seed?: boolean; database?: BenchDatabase } = {}): Promise<Wardline> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-bench-'));
  const [api, web] = (await freePorts(2)) as [number, number];
  const prefix = `bench:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
  // A mail server that takes every message, as a deployment has one: the bookings' confirmation mails are sent
  // by the worker inside the API process. Without one, every mail job failed, and its retries ran on into the
  // cases after the booking case (the 20:17 run in docs/benchmarks.md).
  const { countingSmtp } = await import('./background');
  const smtp = await countingSmtp();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    API_PORT: String(api),
    WEB_PORT: String(web),
    DATABASE_URL: options.database?.url ?? join(dir, 'bench.db'),
    DATA_DIR: dir,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SECRET_KEY: 'bench secret key, long enough to sign device cookies',
    LOG_LEVEL: 'info',
    UV_THREADPOOL_SIZE: THREADS,
    // The booking case books thousands of slots as eight patients.
    MAX_OPEN_APPOINTMENTS: '1000000',
    ...extraEnv,
  };
  if (options.seed) {
    // The cases run on the demo hospital (issue 7), made before the timed start as a deployment would.
    // The seed refuses production (its accounts share a published password): it runs as development would.
    // 100,000 patients: the admin's search is measured at that size (issue 8); the demo's own 200 have visits.
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/seed.ts'), '--patients', '100000'], { cwd: ROOT, env: { ...env, NODE_ENV: 'development' }, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seeding the bench database failed:\n${seeded.stdout}\n${seeded.stderr}`);
  }
  let logs = '';
  const started = performance.now();
  const child = spawn('sh', [join(ROOT, 'scripts/start.sh')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep only the tail: the log is one line per request.
  let startup = '';
  const keep = (chunk: Buffer) => {
    logs = (logs + chunk.toString()).slice(-20_000);
    // The start-up lines in full (the API processes' pids are among them), past which one line per request follows.
    if (startup.length < 200_000) startup += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const health = `http://127.0.0.1:${api}/api/health`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Wardline exited with ${child.exitCode} before it answered:\n${logs}`);
    try {
      if ((await fetch(health)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`Wardline did not answer ${health} within 60 s:\n${logs}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - started;
  // With WEB_CONCURRENCY > 1 the runner logs its API processes' pids once they all listen (ADR 031).
  let pids: number[] = [child.pid!];
  if (Number(env.WEB_CONCURRENCY ?? '1') > 1) {
    const deadline = performance.now() + 30_000;
    for (;;) {
      const line = /"msg":"\d+ API processes started"[^\n]*"pids":\[([\d,]+)\]/.exec(startup);
      if (line) {
        pids = line[1]!.split(',').map(Number);
        break;
      }
      if (performance.now() > deadline) throw new Error(`Wardline did not log its API processes:\n${logs}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const stop = stopper(child);
  return {
    child,
    port: api,
    startMs,
    logs: () => logs,
    databasePath: env.DATABASE_URL!,
    apiPids: () => pids,
    stop,
    async cleanup() {
      await stop();
      await smtp.close();
      await deleteKeys(REDIS_URL, prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers `count` patients through the API (from one address: at most 10 an hour, ADR 011). */
export async function registerPatients(port: number, count: number): Promise<Array<{ email: string; password: string }>> {
  const patients = [];
  // Unique to this call: the matrix starts Wardline more than once on one database.
  const run = Math.random().toString(36).slice(2, 8);
  for (let i = 1; i <= count; i++) {
    const patient = { email: `bench.patient.${i}.${run}@example.org`, password: ADMIN.password };
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench Patient ${i}`, ...patient }),
    });
    if (res.status !== 201) throw new Error(`registering a bench patient answered ${res.status}: ${await res.text()}`);
    patients.push(patient);
  }
  return patients;
}

/** Signs in as the bench's admin and answers the session cookie as `name=value`. */
export function signIn(port: number): Promise<string> {
  return signInAs(port, ADMIN);
}

/** Signs in as anyone and answers the session cookie as `name=value`. */
export async function signInAs(port: number, account: { email: string; password: string }): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (res.status !== 200) throw new Error(`sign-in for the bench answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('wardline_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}
