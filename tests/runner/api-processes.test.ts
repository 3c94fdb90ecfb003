/**
 * WEB_CONCURRENCY=2 (ADR 031): the runner as `npm start` runs it, with two API processes on one port. Each
 * API process's log lines carry its pid, so a request's line says which process served it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePorts } from '../support/net';
import { deleteKeys } from '../support/redis-keys';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { email: 'admin@hospital.local', password: 'correct horse battery staple' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LogLine {
  msg: string;
  pid?: number;
  pids?: number[];
  path?: string;
  status?: number;
  [field: string]: unknown;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One request on a connection of its own (no keep-alive), so the primary hands each to the next process. */
function call(port: number, method: string, path: string, options: { cookie?: string; json?: unknown } = {}) {
  return new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: new Agent({ keepAlive: false }),
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(options.cookie ? { cookie: options.cookie } : {}), origin: `http://localhost:${port}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, cookies: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A POST whose headers go out at once with `Expect: 100-continue` and whose body waits for `send()`.
 * `taken` resolves on the server's "100 Continue": an API process has accepted the connection and started
 * the request, which now waits for its body.
 */
function heldRequest(port: number, path: string, json: unknown) {
  const body = JSON.stringify(json);
  let send!: () => void;
  let taken!: Promise<void>;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: new Agent({ keepAlive: false }),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue', origin: `http://localhost:${port}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    taken = new Promise<void>((ok, fail) => {
      req.once('continue', () => ok());
      req.once('error', fail);
    });
    req.on('error', reject);
    req.flushHeaders();
    send = () => req.end(body);
  });
  return { taken, answer, send: () => send() };
}

describe('WEB_CONCURRENCY=2: two API processes on one port', () => {
  let child: ChildProcess;
  let exited: Promise<{ code: number | null; signal: string | null }>;
  const logs: LogLine[] = [];
  let output = '';
  let api = 0;
  let prefix = '';
  let dir = '';
  let pids: number[] = [];

  const waitFor = async (match: (l: LogLine) => boolean, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = logs.find(match);
      if (found) return found;
      if (child.exitCode !== null) break;
      await sleep(25);
    }
    throw new Error(`no such log line; the runner said:\n${output.slice(-4000)}`);
  };
  const servedBy = (path: string) => new Set(logs.filter((l) => l.msg === 'request' && l.path === path).map((l) => l.pid));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wardline-processes-'));
    const [apiPort, web, inbox, inboxSmtp] = (await freePorts(4)) as [number, number, number, number];
    api = apiPort;
    prefix = `test:processes:${Math.random().toString(36).slice(2, 10)}:`;
    child = spawn(process.execPath, ['--import', 'tsx', 'local-runner.ts'], {
      cwd: ROOT,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        WEB_CONCURRENCY: '2',
        API_PORT: String(api),
        WEB_PORT: String(web),
        MAIL_INBOX_PORT: String(inbox),
        MAIL_INBOX_SMTP_PORT: String(inboxSmtp),
        SMTP_URL: `smtp://127.0.0.1:${inboxSmtp}`,
        DATABASE_URL: join(dir, 'wardline.db'),
        DATA_DIR: dir,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let partial = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        try {
          const parsed = JSON.parse(line) as LogLine;
          if (typeof parsed?.msg === 'string') logs.push(parsed);
        } catch {
          // a plain line for the person at the terminal
        }
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    pids = (await waitFor((l) => l.msg === '2 API processes started')).pids!;
    await waitFor((l) => l.msg === 'Wardline is up');
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await deleteKeys(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  test('the runner forks two API processes of its own, and requests are served by both', async () => {
    expect(pids).toHaveLength(2);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(child.pid);
    for (const pid of pids) expect(alive(pid)).toBe(true);
    for (let i = 0; i < 20; i++) expect((await call(api, 'GET', '/api/health')).status).toBe(200);
    await sleep(100);
    expect(servedBy('/api/health')).toEqual(new Set(pids));
  });

  test('a session made through one process is valid through the other', async () => {
    const login = await call(api, 'POST', '/api/auth/login', { json: ADMIN });
    expect(login.status).toBe(200);
    const cookie = login.cookies.map((c) => c.split(';')[0]).join('; ');
    for (let i = 0; i < 10; i++) expect((await call(api, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    await sleep(100);
    expect(servedBy('/api/auth/me')).toEqual(new Set(pids));
  });

  test('an API process that dies is replaced, and the API keeps answering', async () => {
    const victim = pids[0]!;
    process.kill(victim, 'SIGKILL');
    const replaced = await waitFor((l) => l.msg === 'API process replaced');
    expect(replaced.pid).not.toBe(victim);
    expect(alive(replaced.pid!)).toBe(true);
    pids = [pids[1]!, replaced.pid!];
    for (let i = 0; i < 6; i++) expect((await call(api, 'GET', '/api/health')).status).toBe(200);
  });

  test('SIGTERM drains: requests in flight are answered, then every process exits and the runner exits 0', async () => {
    // Twelve sign-ins that have reached an API process: each sends its headers with `Expect: 100-continue` and
    // holds its body back, and the server's "100 Continue" says a process has taken the request and is waiting
    // for the body. (Sending whole requests and signalling after a pause was a race: under load some were
    // still queued at the primary, unaccepted, when both processes stopped listening, and those were reset
    // as any server resets what it never accepted.)
    const inFlight = Array.from({ length: 12 }, () => heldRequest(api, '/api/auth/login', ADMIN));
    await Promise.all(inFlight.map((r) => r.taken));
    process.kill(child.pid!, 'SIGTERM');
    // Both processes have the signal and have stopped accepting; only then do the bodies go out.
    await waitFor((l) => l.msg === 'stopping');
    await waitFor(() => logs.filter((l) => l.msg === 'API process stopping').length >= 2);
    for (const r of inFlight) r.send();
    const answers = await Promise.all(inFlight.map((r) => r.answer));
    // 429 is the sign-in throttle (twelve at once from one address), an answer like any other.
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(answers.filter((a) => a.status === 200).length, 'sign-ins answered after the signal').toBeGreaterThan(0);
    expect(await exited).toEqual({ code: 0, signal: null });
    await sleep(200);
    for (const pid of pids) expect(alive(pid), `API process ${pid}`).toBe(false);
    await expect(call(api, 'GET', '/api/health')).rejects.toThrow();
  });
});
