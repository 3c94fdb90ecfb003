/**
 * End to end, as a user: the real system started the way `npm start` starts it (`node --import tsx
 * local-runner.ts`, serving the built web app and the API on one port), driven through Debian's Chromium. A patient
 * registers, signs out, mistypes their password, signs in; the registration form catches a short
 * password before asking the server. Screenshots go to /tmp/wardline-shots/ for a human to look at.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePorts } from '../support/net';
import { countKeys, deleteKeys } from '../support/redis-keys';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '/tmp/wardline-shots';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_ID = Math.random().toString(36).slice(2, 10);
const REDIS_PREFIX = `test:e2e:${RUN_ID}:`;
/** A name no default could produce: the web app must show what the runner was configured with. */
const HOSPITAL_NAME = `St Brigid's Infirmary ${RUN_ID}`;
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

const patient = {
  name: 'Ada Okafor',
  email: `ada.okafor.${RUN_ID}@example.com`,
  password: 'quiet harbour lantern 42',
};

// ---------------------------------------------------------------------------------------------------
// Helpers: ports, the build, the runner

/** The newest modification time of any file under `path`. */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds web/dist unless it is newer than everything it is built from. */
async function ensureWebBuild(): Promise<void> {
  const built = join(ROOT, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'shared/schemas', 'shared/http/web-headers.ts'].map((p) => join(ROOT, p));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  try {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

interface Runner {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited: () => boolean;
}

function startRunner(env: Record<string, string>): Runner {
  // As `npm start` runs it; in a process group of its own, so nothing it starts outlives the test.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local-runner.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
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

async function waitForHealth(runner: Runner, url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (runner.hasExited()) {
      throw new Error(`local-runner.ts exited before ${url} answered 200. Its output:\n${runner.output()}`);
    }
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
async function stopRunner(runner: Runner): Promise<{ stopped: boolean; code: number | null; signal: NodeJS.Signals | null }> {
  const pid = runner.child.pid;
  if (pid === undefined) return { stopped: true, code: null, signal: null };
  if (!runner.hasExited() && groupAlive(pid)) process.kill(-pid, 'SIGTERM');
  const result = await Promise.race([
    runner.exited,
    new Promise<null>((done) => setTimeout(() => done(null), STOP_TIMEOUT_MS)),
  ]);
  // Anything the runner started may exit a moment after it: give the group that moment.
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const stopped = result !== null && !groupAlive(pid);
  if (!stopped && groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  return { stopped, code: result?.code ?? null, signal: result?.signal ?? null };
}

// ---------------------------------------------------------------------------------------------------
// Helpers: the page

/** What a field says about itself: its value, whether it is invalid, and the text of its description. */
async function fieldState(page: Page, id: string) {
  return page.evaluate((fieldId) => {
    const input = document.getElementById(fieldId) as HTMLInputElement | null;
    if (!input) throw new Error(`no element #${fieldId}`);
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const description = describedBy.map((ref) => document.getElementById(ref)?.textContent ?? '').join(' ');
    const field = input.closest('.field');
    const errorInField = field?.querySelector('.field__error')?.textContent ?? null;
    return {
      value: input.value,
      invalid: input.getAttribute('aria-invalid') === 'true',
      description,
      errorInField,
      labelled: input.labels !== null && input.labels.length > 0,
    };
  }, id);
}

// ---------------------------------------------------------------------------------------------------

describe('signing in and registering in a browser', () => {
  let runner: Runner | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base = '';
  const tempDirs: string[] = [];
  /** Errors the page itself reported (exceptions, Content-Security-Policy refusals...). */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium ` +
          '(never download a browser).',
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    const started = Date.now();
    await ensureWebBuild();
    const builtIn = Date.now() - started;

    const dataDir = mkdtempSync(join(tmpdir(), 'wardline-e2e-data-'));
    tempDirs.push(dataDir);
    const [apiPort, webPort, inboxPort, inboxSmtpPort] = await freePorts(4);
    base = `http://127.0.0.1:${webPort}`;
    runner = startRunner({
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
      DATABASE_URL: join(dataDir, 'wardline.db'),
      REDIS_URL,
      REDIS_KEY_PREFIX: REDIS_PREFIX,
      MAIL_INBOX_PORT: String(inboxPort),
      MAIL_INBOX_SMTP_PORT: String(inboxSmtpPort),
      SMTP_URL: `smtp://127.0.0.1:${inboxSmtpPort}`,
      // The page's origin; the API accepts state-changing requests from it and from itself.
      WEB_ORIGIN: base,
      ADMIN_PASSWORD: 'e2e staff passphrase that nobody uses',
      HOSPITAL_NAME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    });
    await waitForHealth(runner, `${base}/api/health`);
    const upIn = Date.now() - started - builtIn;

    const profile = mkdtempSync(join(tmpdir(), 'wardline-e2e-chromium-'));
    tempDirs.push(profile);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
    page.on('console', (message) => {
      // A 401 from /api/auth/me or a wrong password is expected; Chromium logs every non-2xx fetch.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
    console.info(`e2e: build ${builtIn} ms, runner up ${upIn} ms, browser ${Date.now() - started - builtIn - upIn} ms`);
  }, 300_000);

  afterAll(async () => {
    const problems: string[] = [];
    await context?.close().catch((err: Error) => problems.push(`closing the browser: ${err.message}`));
    if (runner) {
      const { stopped, code, signal } = await stopRunner(runner);
      if (!stopped) problems.push(`local-runner.ts did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM (killed). Output:\n${runner.output()}`);
      else if (code !== 0 && signal !== 'SIGTERM') problems.push(`local-runner.ts exited with code ${code} after SIGTERM. Output:\n${runner.output()}`);
    }
    try {
      await deleteKeys(REDIS_URL, REDIS_PREFIX);
      const left = await countKeys(REDIS_URL, REDIS_PREFIX);
      if (left > 0) problems.push(`${left} Redis keys under ${REDIS_PREFIX} are left`);
    } catch (err) {
      problems.push(`deleting Redis keys under ${REDIS_PREFIX}: ${(err as Error).message}`);
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }, 60_000);

  test('a signed-out visitor of the home page is sent to the sign-in page', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await fieldState(page, 'email')).labelled).toBe(true);
    expect((await fieldState(page, 'password')).labelled).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'sign-in.png'), fullPage: true });
  });

  test("the header and the page title show the hospital's configured name (from GET /api/settings)", async () => {
    await page.goto(`${base}/sign-in`);
    const brand = page.getByRole('banner').getByRole('link', { name: HOSPITAL_NAME, exact: true });
    await brand.waitFor();
    expect((await brand.textContent())?.trim()).toBe(HOSPITAL_NAME);
    await page.waitForFunction((title) => document.title === title, `Sign in · ${HOSPITAL_NAME}`);
  });

  test('a new patient registers through the form and lands on the home page showing their name', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL((url) => url.pathname === '/register');
    await page.getByLabel('Full name').fill(patient.name);
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    await page.getByLabel('Phone number').fill('+44 20 7946 0958');
    await page.getByLabel('Date of birth').fill('1988-04-12');
    await page.getByLabel('Gender').selectOption('female');
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/register'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await answer).status()).toBe(201);

    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(`Signed in as ${patient.name} (patient)`).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(patient.name);
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
  });

  test('signing out returns to the sign-in page and ends the session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('You have signed out.').waitFor();
    // The session is gone for the browser too: the home page sends it back to sign in.
    await page.goto(`${base}/`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('a wrong password shows the error and keeps what was typed', async () => {
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill('not my password at all');
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answer).status()).toBe(401);

    const alert = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email or password is not right.');
    expect((await fieldState(page, 'email')).value).toBe(patient.email);
    expect((await fieldState(page, 'password')).value).toBe('not my password at all');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.screenshot({ path: join(SHOTS, 'sign-in-wrong-password.png'), fullPage: true });
  });

  test('the right password signs the patient in', async () => {
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answer).status()).toBe(200);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(`Signed in as ${patient.name} (patient)`).waitFor();
    // A reload keeps the session (the cookie), and the guard lets the patient stay.
    await page.reload();
    await page.getByText(`Signed in as ${patient.name} (patient)`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });

  test('a too-short password on the registration form is shown beside the password field without a request', async () => {
    const requests: string[] = [];
    const onRequest = (req: { url(): string }) => {
      if (req.url().includes('/api/auth/register')) requests.push(req.url());
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${base}/register`);
      await page.getByLabel('Full name').fill('Short Password');
      await page.getByLabel('Email address').fill(`short.${RUN_ID}@example.com`);
      await page.getByLabel('Password', { exact: true }).fill('abc');
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.locator('#password-error').waitFor();
      const password = await fieldState(page, 'password');
      expect(password.invalid).toBe(true);
      expect(password.errorInField).toContain('Password must be at least 8 characters');
      expect(password.description).toContain('Password must be at least 8 characters');
      expect(password.value).toBe('abc');
      // Keyboard focus goes to the field that needs attention.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      // The other fields are untouched and not marked.
      expect(await fieldState(page, 'name')).toMatchObject({ value: 'Short Password', invalid: false });
      expect(await fieldState(page, 'email')).toMatchObject({ value: `short.${RUN_ID}@example.com`, invalid: false });
      await page.screenshot({ path: join(SHOTS, 'register-short-password.png'), fullPage: true });

      // Nothing left for the server to see.
      await page.waitForTimeout(300);
      expect(requests).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  test('registering an email that already has an account says so on the email field and offers to sign in', async () => {
    await page.goto(`${base}/register`);
    await page.getByLabel('Full name').fill('Second Try');
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill('a different long passphrase');
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/register'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await answer).status()).toBe(409);

    await page.locator('#email-error').waitFor();
    const email = await fieldState(page, 'email');
    expect(email.invalid).toBe(true);
    expect(email.errorInField).toContain('already exists');
    expect(email.value).toBe(patient.email);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    // What was typed elsewhere stays.
    expect(await fieldState(page, 'name')).toMatchObject({ value: 'Second Try', invalid: false });
    await page.getByRole('link', { name: 'Sign in with this email instead' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect((await fieldState(page, 'email')).value).toBe(patient.email);
  });

  test('the registration page fits a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${base}/register`);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'register-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the page reported no errors of its own', () => {
    expect(pageErrors).toEqual([]);
  });
});
