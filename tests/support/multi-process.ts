/**
 * The scale-out layout of docs/deploy.md, on one machine (issue 12): one PostgreSQL database (a schema of its
 * own here) and one Redis (a key prefix of its own), migrated once as a deploy does (`npm run migrate`), two
 * runners on different ports standing in for two machines (RUN_JOBS=false: they serve the API and nothing
 * else), and two job workers (`jobs/main.ts`) beside them, all mailing a real SMTP listener. The test process
 * also builds Deps on the same database and Redis, to set up rows and sessions as the other tests do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../shared/config';
import { buildNodeDeps, type NodeDeps } from '../../shared/runtime/node/build-deps';
import { freePorts } from './net';
import { adminQuery, newSchemaName, requirePostgres, urlWithSchema } from './postgres';
import { deleteKeys } from './redis-keys';
import { startSmtpListener, type SmtpListener } from './smtp-listener';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SCALE_ADMIN = { email: 'admin@hospital.local', password: 'correct horse battery staple' };

export interface Machine {
  name: string;
  port: number;
  child: ChildProcess;
  output(): string;
}

export interface Layout {
  databaseUrl: string;
  prefix: string;
  runners: Machine[];
  workers: Machine[];
  smtp: SmtpListener;
  /** Deps in the test process, on the same database and Redis. */
  node: NodeDeps;
  cleanup(): Promise<void>;
}

function run(name: string, script: string, env: Record<string, string>, port = 0): Machine {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, port, child, output: () => output };
}

async function waitUntil(machine: Machine, ready: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (machine.child.exitCode !== null) throw new Error(`${machine.name} exited with ${machine.child.exitCode}:\n${machine.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${machine.name}: ${what} did not happen within 60 s:\n${machine.output()}`);
}

async function stop(machine: Machine) {
  if (machine.child.exitCode !== null || machine.child.signalCode !== null) return;
  const exited = new Promise((r) => machine.child.once('exit', r));
  machine.child.kill('SIGTERM');
  const timer = setTimeout(() => machine.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startLayout(options: { runners?: number; workers?: number; env?: Record<string, string> } = {}): Promise<Layout> {
  const server = await requirePostgres();
  const schema = newSchemaName();
  await adminQuery(server, `CREATE SCHEMA ${schema}`);
  const databaseUrl = urlWithSchema(server, schema);
  const prefix = `test:scale:${Math.random().toString(36).slice(2, 10)}:`;
  const smtp = await startSmtpListener();
  const dataDir = mkdtempSync(join(tmpdir(), 'wardline-scale-'));
  const machines: Machine[] = [];
  let node: NodeDeps | undefined;
  const cleanup = async () => {
    await Promise.all(machines.map(stop));
    await node?.close();
    await smtp.close();
    await deleteKeys(REDIS_URL, prefix);
    await adminQuery(server, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const shared = {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      ADMIN_EMAIL: SCALE_ADMIN.email,
      ADMIN_PASSWORD: SCALE_ADMIN.password,
      // Every machine signs and checks the same device cookies and encrypted secrets.
      SECRET_KEY: 'one secret key shared by every machine of the hospital',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...options.env,
    };
    // The deploy step: migrations once, before any machine starts.
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...shared }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(`npm run migrate failed:\n${migrated.stdout}\n${migrated.stderr}`);

    const ports = await freePorts(4 * (options.runners ?? 2));
    const runners = Array.from({ length: options.runners ?? 2 }, (_, i) => {
      const [api, web, inbox, inboxSmtp] = ports.slice(4 * i, 4 * i + 4) as [number, number, number, number];
      return run(`runner ${'AB'[i] ?? i}`, 'local-runner.ts', { ...shared, RUN_JOBS: 'false', WEB_CONCURRENCY: '1', API_PORT: String(api), WEB_PORT: String(web), MAIL_INBOX_PORT: String(inbox), MAIL_INBOX_SMTP_PORT: String(inboxSmtp) }, api);
    });
    const workers = Array.from({ length: options.workers ?? 2 }, (_, i) => run(`worker ${i + 1}`, 'jobs/main.ts', shared));
    machines.push(...runners, ...workers);
    // All at once, as machines of a deploy come up together.
    await Promise.all([
      ...runners.map((r) => waitUntil(r, async () => (await fetch(`http://127.0.0.1:${r.port}/api/health`)).status === 200, 'a healthy /api/health')),
      ...workers.map((w) => waitUntil(w, async () => w.output().includes('"worker started"'), '"worker started"')),
    ]);
    const config = loadConfig({ ...shared, LOG_LEVEL: 'silent' });
    node = await buildNodeDeps(config, { migrate: false });
    return { databaseUrl, prefix, runners, workers, smtp, node, cleanup };
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}
