/**
 * The local runner as a user starts it: a real child process with its own ports, a temp SQLite file,
 * the shared Redis under a key prefix of its own, the mail inbox and the web port.
 *
 * The runner is started as `npm start` and `npm run dev` start it: `node --import tsx local-runner.ts`,
 * one process that gets the signal itself. (Under the `tsx` command a parent process relays signals and
 * SIGKILLs the runner if it has not acknowledged one within 30 ms, say while Vite is busy; and npx puts
 * `sh -c` in between, which does not pass SIGTERM on.) The bad-setting case, which needs no signal, goes
 * through `npx tsx` itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { freePorts, portAnswers } from '../support/net';
import { deleteKeys } from '../support/redis-keys';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** How `npm start` runs the runner (package.json). */
const RUNNER: [string, string[]] = [process.execPath, ['--import', 'tsx', 'local-runner.ts']];
const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_PASSWORD = 'correct horse battery staple';
/** Settings the runner reads; removed from the inherited environment so only ours count. */
const CONFIG_VARIABLES = [
  'NODE_ENV', 'API_PORT', 'WEB_PORT', 'DATABASE_URL', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'SMTP_URL', 'MAIL_FROM',
  'MAIL_INBOX_PORT', 'MAIL_INBOX_SMTP_PORT', 'HOSPITAL_TIMEZONE', 'HOSPITAL_NAME', 'ADMIN_EMAIL', 'ADMIN_PASSWORD',
  'ADMIN_NAME', 'DATA_DIR', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_MINUTES', 'WEB_ORIGIN', 'API_ORIGIN', 'TRUST_PROXY', 'LOG_LEVEL',
  'WEB_CONCURRENCY', 'RUN_JOBS',
];


const random = () => Math.random().toString(36).slice(2, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LogLine {
  msg: string;
  level: string;
  [field: string]: unknown;
}

interface Runner {
  child: ChildProcess;
  /** The JSON log lines of stdout and stderr, in the order they arrived. */
  logs: LogLine[];
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
/** Runners a whole describe block shares: its afterAll ends them, not afterEach. */
const sharedRunners = new Set<ChildProcess>();
const prefixes: string[] = [];
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-runner-'));
  tempDirs.push(dir);
  return dir;
}

/** The environment of a runner: ours only, on free ports, with a temp database and its own key prefix. */
async function runnerEnv(overrides: Record<string, string> = {}) {
  const [api, web, inboxHttp, inboxSmtp] = (await freePorts(4)) as [number, number, number, number];
  const prefix = `test:runner:${random()}:`;
  prefixes.push(prefix);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CONFIG_VARIABLES.includes(name)));
  const env: Record<string, string | undefined> = {
    ...inherited,
    NODE_ENV: 'test',
    API_PORT: String(api),
    WEB_PORT: String(web),
    MAIL_INBOX_PORT: String(inboxHttp),
    MAIL_INBOX_SMTP_PORT: String(inboxSmtp),
    DATABASE_URL: join(tempDir(), 'wardline.db'),
    // A redis-server the runner starts keeps its data here, never in the developer's data/.
    DATA_DIR: tempDir(),
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    ...overrides,
  };
  return { env, ports: { api, web, inboxHttp, inboxSmtp }, prefix };
}

function start(env: Record<string, string | undefined>, command: [string, string[]] = RUNNER): Runner {
  // A process group of its own, so that cleanup can end the runner and whatever it started.
  const child = spawn(command[0], command[1], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  const logs: LogLine[] = [];
  // The logger writes debug and info to stdout, warn and error to stderr: one JSON object a line.
  const collect = (stream: NodeJS.ReadableStream, keep: (chunk: string) => void) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      keep(chunk);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        try {
          const parsed = JSON.parse(line) as LogLine;
          if (parsed && typeof parsed.msg === 'string') logs.push(parsed);
        } catch {
          // not a log line
        }
      }
    });
  };
  collect(child.stdout!, (chunk) => (out += chunk));
  collect(child.stderr!, (chunk) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, logs, stdout: () => out, stderr: () => err, exited };
}

/** Waits for a log line, failing early with the runner's output if it exits first. */
async function waitForLog(runner: Runner, match: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void runner.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    const found = runner.logs.find(match);
    if (found) return found;
    if (exited) break;
    await sleep(25);
  }
  throw new Error(`runner ${exited ? 'exited' : 'did not log it in time'}\n--- stdout\n${runner.stdout()}\n--- stderr\n${runner.stderr()}`);
}

const up = (runner: Runner) => waitForLog(runner, (line) => line.msg === 'Wardline is up');

const isJsonLine = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

/**
 * Waits for the plain sentence that ends the start-up output and answers it, after checking that it comes
 * right after the JSON "Wardline is up" line and is the only line of start-up output that is not JSON.
 */
async function upSentence(runner: Runner): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const lines = runner.stdout().split('\n');
    const upAt = lines.findIndex((line) => isJsonLine(line) && JSON.parse(line).msg === 'Wardline is up');
    if (upAt >= 0 && upAt + 1 < lines.length - 1) {
      expect(lines.slice(0, upAt + 2).filter((line) => line.trim() !== '' && !isJsonLine(line))).toEqual([lines[upAt + 1]]);
      return lines[upAt + 1]!;
    }
    await sleep(25);
  }
  throw new Error(`no line after "Wardline is up"\n--- stdout\n${runner.stdout()}\n--- stderr\n${runner.stderr()}`);
}

/** How a runner's exit is awaited: with a deadline, measured from now. */
async function exitWithin(runner: Runner, ms: number) {
  const started = Date.now();
  const result = await Promise.race([runner.exited, sleep(ms).then(() => null)]);
  if (!result) throw new Error(`runner still running after ${ms} ms\n--- stdout\n${runner.stdout()}\n--- stderr\n${runner.stderr()}`);
  return { ...result, ms: Date.now() - started };
}

/** Ends a runner and everything it started (its process group), at once. */
function kill(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

afterEach(async () => {
  // A test that failed half-way must not leave its runner (or the redis-server it started) behind.
  for (const child of running) if (!sharedRunners.has(child)) kill(child);
});

afterAll(async () => {
  for (const child of running) kill(child);
  for (const prefix of prefixes) await deleteKeys(SHARED_REDIS_URL, prefix);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the runner, started with working settings', () => {
  let runner: Runner;
  let ports: Awaited<ReturnType<typeof runnerEnv>>['ports'];
  const api = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${ports.api}${path}`, init);
  const web = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${ports.web}${path}`, init);
  const inbox = (path: string) => fetch(`http://127.0.0.1:${ports.inboxHttp}${path}`);

  beforeAll(async () => {
    const settings = await runnerEnv();
    ports = settings.ports;
    runner = start(settings.env);
    sharedRunners.add(runner.child);
    await up(runner);
  });

  afterAll(async () => {
    if (runner && running.has(runner.child)) {
      runner.child.kill('SIGTERM');
      await exitWithin(runner, 10_000).catch(() => kill(runner.child));
    }
  });

  test('start-up ends with one plain sentence naming the URLs of the web app, the API and the mail inbox', async () => {
    expect(await upSentence(runner)).toBe(
      `Wardline is up: open http://localhost:${ports.web} (API http://localhost:${ports.api}/api, mail inbox http://localhost:${ports.inboxHttp}).`,
    );
  });

  test('GET /api/health on the API port answers 200 with the database and Redis ok', async () => {
    const res = await api('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok', time: expect.any(String) });
  });

  test('an unknown /api path answers the JSON 404', async () => {
    const res = await api('/api/no/such/endpoint');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'There is no such endpoint.' } });
  });

  test('the mail inbox answers GET /api/email with JSON and shows a message its SMTP port accepted', async () => {
    const before = await inbox('/api/email');
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toMatch(/application\/json/);
    expect(Array.isArray(await before.json())).toBe(true);

    const subject = `runner test ${random()}`;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ports.inboxSmtp, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from: 'Wardline <no-reply@wardline.local>', to: 'patient@example.org', subject, text: 'Hello from the test.' });
    } finally {
      transport.close();
    }
    const after = (await (await inbox('/api/email')).json()) as Array<{ subject: string; to: string[] }>;
    expect(after.find((m) => m.subject === subject)).toMatchObject({ subject, to: ['patient@example.org'] });
  });

  test('the web port answers /api/health from the same API and serves /', async () => {
    const health = await web('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
    const unknown = await web('/api/no/such/endpoint');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');

    const page = await web('/');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self';.*; frame-ancestors 'none'$/);
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
    } else {
      // Not built (this test does not build it): the web port still answers, and the runner said why.
      expect(page.status).toBe(404);
      expect(runner.logs.some((line) => line.level === 'warn' && /web\/dist is missing/.test(line.msg))).toBe(true);
    }
    await page.arrayBuffer();
  });

  test('every API request writes one log line with its request id', async () => {
    const tag = random();
    const sent = [
      { id: `runner-${tag}-health`, url: `http://127.0.0.1:${ports.api}/api/health`, path: '/api/health', status: 200 },
      { id: `runner-${tag}-missing`, url: `http://127.0.0.1:${ports.api}/api/missing`, path: '/api/missing', status: 404 },
      { id: `runner-${tag}-web`, url: `http://127.0.0.1:${ports.web}/api/health`, path: '/api/health', status: 200 },
    ];
    for (const each of sent) {
      const res = await fetch(each.url, { headers: { 'x-request-id': each.id } });
      expect(res.headers.get('x-request-id')).toBe(each.id);
      await res.arrayBuffer();
    }
    // A request without an id gets one made up, answered in a header and logged.
    const anonymous = await api('/api/health');
    const madeUp = anonymous.headers.get('x-request-id')!;
    expect(madeUp).toMatch(/^[0-9a-f-]{36}$/);
    await anonymous.arrayBuffer();

    for (const each of sent) {
      await waitForLog(runner, (line) => line.msg === 'request' && line.requestId === each.id, 5000);
      const lines = runner.logs.filter((line) => line.requestId === each.id);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: each.path, status: each.status, ms: expect.any(Number) });
    }
    await waitForLog(runner, (line) => line.requestId === madeUp, 5000);
    expect(runner.logs.filter((line) => line.requestId === madeUp)).toHaveLength(1);
    const requests = runner.logs.filter((line) => line.msg === 'request');
    expect(requests.every((line) => typeof line.requestId === 'string' && line.requestId.length >= 8)).toBe(true);
    expect(new Set(requests.map((line) => line.requestId)).size).toBe(requests.length);
  });

  test('SIGTERM while a request is in flight: the request completes, the runner logs "stopped" and exits 0 within 10 s', async () => {
    const email = `inflight.${random()}@example.org`;
    const payload = JSON.stringify({ name: 'In Flight', email, password: 'analytical engine 1843' });
    const agent = new Agent({ keepAlive: true });
    let signalled = 0;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: ports.api, path: '/api/auth/register', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-request-id': `runner-inflight-${random()}` } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      // The whole request is on the wire: argon2 now keeps it busy for tens of milliseconds.
      req.on('finish', () => {
        signalled = Date.now();
        runner.child.kill('SIGTERM');
      });
      req.end(payload);
    });

    const { status, body } = await response;
    agent.destroy();
    expect(status).toBe(201);
    expect(JSON.parse(body).user).toMatchObject({ role: 'patient', email });

    const exit = await exitWithin(runner, 10_000 - (Date.now() - signalled));
    expect(exit).toMatchObject({ code: 0, signal: null });
    const messages = runner.logs.map((line) => line.msg);
    expect(messages).toContain('stopped');
    // The register request was still running when the runner began to stop.
    const stopping = runner.logs.findIndex((line) => line.msg === 'stopping');
    const registered = runner.logs.findIndex((line) => line.msg === 'request' && line.path === '/api/auth/register');
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect(registered).toBeGreaterThan(stopping);
    expect(runner.logs[stopping]).toMatchObject({ signal: 'SIGTERM' });
    expect(runner.logs[registered]).toMatchObject({ status: 201 });
    expect(runner.logs.filter((line) => line.level === 'warn' && /closing .* failed/.test(line.msg))).toEqual([]);
    // Nothing answers on its ports any more.
    for (const port of [ports.api, ports.web, ports.inboxHttp, ports.inboxSmtp]) expect(await portAnswers(port)).toBe(false);
  });
});

describe('the runner in development mode (--dev)', () => {
  test('serves the web app through Vite with /api in the same process, seeds the demo hospital on the first start, and still drains and logs "stopped" on SIGTERM', async () => {
    // NODE_ENV=development, as a newcomer's `npm run dev`: the one start here that seeds (tests never do).
    const { env, ports } = await runnerEnv({ NODE_ENV: 'development' });
    const runner = start(env, [RUNNER[0], [...RUNNER[1], '--dev']]);
    await up(runner);
    expect(runner.stdout()).toMatch(/Demo hospital seeded on this first start .*doctor helen\.okafor@hospital\.local or patient \S+@example\.\w+ with the password "demo visit 2026 ward"/);
    const db = new SQLite(env.DATABASE_URL!, { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from departments').get()).toEqual({ n: 8 });
    } finally {
      db.close();
    }
    const page = await fetch(`http://127.0.0.1:${ports.web}/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const health = await fetch(`http://127.0.0.1:${ports.web}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    // Vite installs a SIGTERM handler that exits at once; the runner must keep its own orderly stop.
    runner.child.kill('SIGTERM');
    const exit = await exitWithin(runner, 10_000);
    expect(exit.code).toBe(0);
    expect(runner.logs.map((line) => line.msg)).toContain('stopped');
  });
});

describe('the runner, started with a bad setting or without Redis', () => {
  test('a bad setting (API_PORT=abc) makes it exit 1 with exactly one line on stderr naming API_PORT and no stack trace', async () => {
    const { env } = await runnerEnv({ API_PORT: 'abc' });
    const runner = start(env, ['npx', ['tsx', 'local-runner.ts']]);
    const exit = await exitWithin(runner, 30_000);
    expect(exit.code).toBe(1);
    const lines = runner.stderr().split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual(['Configuration error: API_PORT must be a port number from 1 to 65535']);
    expect(runner.stderr()).not.toMatch(/\n\s+at /);
    expect(runner.stderr()).not.toContain('abc');
  });

  test('when the mail inbox web port is taken (another mail catcher), the runner starts without its inbox and says so', async () => {
    const { env, ports } = await runnerEnv();
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(ports.inboxHttp, '127.0.0.1', resolve));
    try {
      const runner = start(env);
      await up(runner);
      expect(runner.logs.find((line) => line.msg.startsWith('mail inbox not started'))).toMatchObject({ level: 'warn' });
      // No inbox of its own, so the closing sentence names none.
      expect(await upSentence(runner)).toBe(`Wardline is up: open http://localhost:${ports.web} (API http://localhost:${ports.api}/api).`);
      const res = await fetch(`http://127.0.0.1:${ports.api}/api/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      // Its SMTP port was let go again for the other catcher.
      expect(await portAnswers(ports.inboxSmtp)).toBe(false);
      runner.child.kill('SIGTERM');
      expect((await exitWithin(runner, 10_000)).code).toBe(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  test.skipIf(!hasRedisServer())(
    'with nothing at REDIS_URL and redis-server installed, it starts its own, is healthy, and stops it on SIGTERM',
    async () => {
      const [redisPort] = (await freePorts(1)) as [number];
      const { env, ports } = await runnerEnv({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
      const runner = start(env);
      await up(runner);
      expect(await waitForLog(runner, (line) => line.msg === 'starting redis-server')).toMatchObject({ port: String(redisPort), dir: join(env.DATA_DIR!, 'redis') });
      expect(existsSync(join(env.DATA_DIR!, 'redis', 'appendonlydir'))).toBe(true);

      const res = await fetch(`http://127.0.0.1:${ports.api}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
      const own = new Redis(`redis://127.0.0.1:${redisPort}`, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      own.on('error', () => {});
      try {
        expect(await own.ping()).toBe('PONG');
      } finally {
        own.disconnect();
      }

      runner.child.kill('SIGTERM');
      const exit = await exitWithin(runner, 10_000);
      expect(exit.code).toBe(0);
      expect(runner.logs.map((line) => line.msg)).toContain('stopped');
      expect(await portAnswers(redisPort)).toBe(false);
    },
  );

  test('with nothing at REDIS_URL and no redis-server on the PATH, it exits 1 saying how to get Redis', async () => {
    const [redisPort] = (await freePorts(1)) as [number];
    const { env } = await runnerEnv({ REDIS_URL: `redis://127.0.0.1:${redisPort}`, PATH: tempDir() });
    // node itself by its full path: the PATH has nothing on it at all.
    const runner = start(env, RUNNER);
    const exit = await exitWithin(runner, 30_000);
    expect(exit.code).toBe(1);
    const stderr = runner.stderr();
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Redis is not answering at redis://127.0.0.1:${redisPort}`);
    expect(lines[0]).toContain('apt-get install -y redis-server');
    expect(lines[0]).toContain('REDIS_URL');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await portAnswers(redisPort)).toBe(false);
  });
});

function hasRedisServer(): boolean {
  const path = process.env.PATH ?? '';
  return path.split(':').some((dir) => dir && existsSync(join(dir, 'redis-server')));
}
