/**
 * End to end, as people use it: the system started the way `npm start` starts it (`node --import tsx
 * local-runner.ts`, serving the built web app and the API on one port) with NODE_ENV=development, so its
 * fresh database holds the demo hospital; Debian's Chromium driven by playwright-core; axe-core for the
 * accessibility checks. Each test file starts one system of its own (own ports, own SQLite file, own Redis
 * prefix) and cleans it all up. Screenshots go to /tmp/wardline-shots/ for a human to look at.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePorts } from './net';
import { countKeys, deleteKeys } from './redis-keys';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = '/tmp/wardline-shots';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/** The demo hospital's sign-ins (scripts/seed/demo-hospital.ts; README "Demo hospital"). */
export const DEMO = {
  password: 'demo visit 2026 ward',
  doctor: 'helen.okafor@hospital.local',
  doctorName: 'Helen Okafor',
  patient: 'oscar.hill@example.org',
  patientName: 'Oscar Hill',
} as const;

// ---------------------------------------------------------------------------------------------------
// The build

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function webBuildIsFresh(): boolean {
  const built = join(ROOT, 'web/dist/index.html');
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared/schemas', 'shared/http/web-headers.ts']
    .map((p) => join(ROOT, p))
    .filter(existsSync);
  return existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime));
}

/**
 * Builds web/dist unless it is newer than everything it is built from. Several test files start at once:
 * a lock directory makes one of them build while the others wait (a second `vite build` would empty the
 * first one's output under it).
 */
export async function ensureWebBuild(): Promise<void> {
  const lock = join(tmpdir(), `wardline-web-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (webBuildIsFresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than 4 minutes belongs to a run that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 240_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone already */
      }
      if (Date.now() > deadline) throw new Error(`waited 4 minutes for another test's web build (${lock})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (webBuildIsFresh()) return;
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], {
      cwd: ROOT,
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`the web build failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The runner

export interface Runner {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited: () => boolean;
}

export function startRunner(env: Record<string, string>): Runner {
  // As `npm start` runs it; in a process group of its own, so nothing it starts outlives the test.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local-runner.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-40_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => {
      exited = true;
      done({ code, signal });
    });
  });
  return { child, output: () => output, exited: exitedPromise, hasExited: () => exited };
}

export async function waitForHealth(runner: Runner, url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (runner.hasExited()) throw new Error(`local-runner.ts exited before ${url} answered 200. Its output:\n${runner.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${START_TIMEOUT_MS / 1000} s (last: ${last}). Runner output:\n${runner.output()}`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the runner's process group; true if everything in it is gone in time. */
export async function stopRunner(runner: Runner): Promise<{ stopped: boolean; code: number | null; signal: NodeJS.Signals | null }> {
  const pid = runner.child.pid;
  if (pid === undefined) return { stopped: true, code: null, signal: null };
  if (!runner.hasExited() && groupAlive(pid)) process.kill(-pid, 'SIGTERM');
  const result = await Promise.race([runner.exited, new Promise<null>((done) => setTimeout(() => done(null), STOP_TIMEOUT_MS))]);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const stopped = result !== null && !groupAlive(pid);
  if (!stopped && groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  return { stopped, code: result?.code ?? null, signal: result?.signal ?? null };
}

export interface System {
  /** The web app's origin, `http://127.0.0.1:<port>`; the API is under `${base}/api`. */
  base: string;
  /** The development mail inbox (web and REST). */
  inbox: string;
  admin: { email: string; password: string };
  output(): string;
}

/**
 * A whole system for one test file: starts before its tests (build, runner, demo seed), stops after them,
 * and fails the file if it does not stop cleanly or leaves Redis keys behind.
 */
export function useSystem(options: { env?: Record<string, string> } = {}): () => System {
  let runner: Runner | undefined;
  let system: System | undefined;
  const runId = Math.random().toString(36).slice(2, 10);
  const prefix = `test:e2e:${runId}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'wardline-e2e-data-'));
  const admin = { email: 'admin@hospital.local', password: `e2e staff passphrase ${runId}` };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium (never download a browser).`);
    }
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild();
    const [apiPort, webPort, inboxPort, inboxSmtpPort] = await freePorts(4);
    const base = `http://127.0.0.1:${webPort}`;
    runner = startRunner({
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
      DATABASE_URL: join(dataDir, 'wardline.db'),
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      MAIL_INBOX_PORT: String(inboxPort),
      MAIL_INBOX_SMTP_PORT: String(inboxSmtpPort),
      SMTP_URL: `smtp://127.0.0.1:${inboxSmtpPort}`,
      WEB_ORIGIN: base,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      // As a newcomer's `npm start`: development, so the fresh database gets the demo hospital.
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    await waitForHealth(runner, `${base}/api/health`);
    system = { base, inbox: `http://127.0.0.1:${inboxPort}`, admin, output: () => runner?.output() ?? '' };
  }, 300_000);

  afterAll(async () => {
    const problems: string[] = [];
    if (runner) {
      const { stopped, code, signal } = await stopRunner(runner);
      if (!stopped) problems.push(`local-runner.ts did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM (killed). Output:\n${runner.output()}`);
      else if (code !== 0 && signal !== 'SIGTERM') problems.push(`local-runner.ts exited with code ${code} after SIGTERM. Output:\n${runner.output()}`);
    }
    try {
      await deleteKeys(REDIS_URL, prefix);
      const left = await countKeys(REDIS_URL, prefix);
      if (left > 0) problems.push(`${left} Redis keys under ${prefix} are left`);
    } catch (err) {
      problems.push(`deleting Redis keys under ${prefix}: ${(err as Error).message}`);
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }, 60_000);

  return () => {
    if (!system) throw new Error('the system is not up (useSystem() must be called at the top of a describe or file)');
    return system;
  };
}

// ---------------------------------------------------------------------------------------------------
// The browser

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Errors the pages reported themselves (exceptions, console errors such as CSP refusals). */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'wardline-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors: string[] = [];
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (message) => {
      // Chromium logs every non-2xx fetch ("Failed to load resource"): a 401 or 409 the page handles is no error.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    errors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Through the sign-in form, as a person does; resolves once the browser has left /sign-in. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  if (!page.url().startsWith(`${base}/sign-in`)) await page.goto(`${base}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

export async function signOut(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}

/** A signed-in API session for setting the scene outside the browser (the Origin is the web app's, as the API asks). */
export async function apiSession(base: string, email: string, password: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`signing in ${email} answered ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

// ---------------------------------------------------------------------------------------------------
// Accessibility and pictures

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules and best practices) in the page as it is now. Fails on any
 * serious or critical violation, listing each with the elements it found; returns the minor and moderate
 * ones for the report. axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function expectAccessible(page: Page, label: string): Promise<{ minor: string[] }> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map(
      (v) => `- ${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n')}`,
    );
    throw new Error(`axe found ${serious.length} serious or critical violation(s) on ${label}:\n${lines.join('\n')}`);
  }
  return { minor: violations.map((v) => `${v.impact} ${v.id}`) };
}

/** A full-page screenshot to /tmp/wardline-shots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A page of a portal for the accessibility sweep: `visit` goes there and waits until its content is in. */
export interface A11yPage {
  name: string;
  visit(page: Page, base: string): Promise<void>;
}
