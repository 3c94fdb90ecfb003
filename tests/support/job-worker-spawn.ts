/**
 * Spawns jobs/main.ts as a process of its own (through job-worker-process.ts, which adds the test-only
 * mail job) against a test world's database and Redis prefix, for the tests that signal or kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestWorld } from './test-deps';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./job-worker-process.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it printed so far (JSON log lines and anything else). */
  output(): string;
}

/** Starts a worker process; resolves once it logged "worker started" (it relays and runs jobs from then on). */
export async function spawnWorkerProcess(world: TestWorld, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: world.database.url,
      REDIS_URL: world.config.redisUrl,
      REDIS_KEY_PREFIX: world.config.redisKeyPrefix,
      SECRET_KEY: 'a test secret of at least thirty-two characters',
      ADMIN_PASSWORD: 'correct horse battery staple',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const started = Date.now();
  while (!out.includes('worker started')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker process ended before it started:\n${out}`);
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`the worker process did not start within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, exited, output: () => out };
}
