/**
 * The readable reference at /api/docs in a real browser: the API as the runner composes it
 * (loadNodeApi: every function file plus the docs), served in process on 127.0.0.1 with real SQLite and
 * Redis, opened in Debian's Chromium. Swagger UI must render every operation of the document under the
 * page's own CSP, and no request may leave this server (no CDN, no fonts, no online validator).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFetch, listen, type RunningServer } from '../../shared/runtime/node/http-server';
import { loadNodeApi } from '../../shared/runtime/node/node-api';
import { createTestWorld, type TestWorld } from '../support/test-deps';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '/tmp/wardline-shots';

describe('the API reference at /api/docs in a browser', () => {
  let world: TestWorld | undefined;
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base = '';
  let profile = '';
  /** Every request the page made, and those that were not for our server (refused). */
  const requests: string[] = [];
  const outside: string[] = [];
  const problems: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: any;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium (never download a browser).`);
    }
    mkdirSync(SHOTS, { recursive: true });
    world = await createTestWorld();
    const { api } = await loadNodeApi(resolve(ROOT, 'functions'));
    server = await listen(apiFetch(api, world.deps), 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
    doc = await (await fetch(`${base}/api/openapi.json`)).json();

    profile = mkdtempSync(join(tmpdir(), 'wardline-docs-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url.startsWith(`${base}/`) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    // CSP refusals are reported as events in the page; collect them before any script of the page runs.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await world?.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 60_000);

  test('renders every operation of the document, the "Sign in" operation among them', async () => {
    await page.goto(`${base}/api/docs`);
    const signIn = page.locator('#operations-auth-signIn');
    await signIn.waitFor();
    expect(await signIn.locator('.opblock-summary-description').textContent()).toBe('Sign in');
    expect(await signIn.locator('.opblock-summary-path').textContent()).toContain('/api/auth/login');

    const operations: Array<{ id: string; summary: string }> = [];
    for (const methods of Object.values<Record<string, { operationId: string; summary: string }>>(doc.paths)) {
      for (const op of Object.values(methods)) operations.push({ id: op.operationId, summary: op.summary });
    }
    expect(operations.length).toBeGreaterThanOrEqual(5);
    const shown = await page.locator('.opblock-summary-description').allTextContents();
    expect(shown.sort()).toEqual(operations.map((op) => op.summary).sort());
    await page.screenshot({ path: join(SHOTS, 'api-docs.png'), fullPage: true });
  });

  test('an opened operation shows its request body and its answers, errors included', async () => {
    const signIn = page.locator('#operations-auth-signIn');
    await signIn.locator('.opblock-summary').click();
    await signIn.locator('.responses-table').first().waitFor();
    const statuses = (await signIn.locator('.responses-table .response-col_status').allTextContents()).map((s) => s.trim());
    expect(statuses).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429', '503']));
    const text = await signIn.textContent();
    expect(text).toContain('account_disabled');
    expect(text).toContain('rate_limited');
    expect(text).toContain('Retry-After');
    await signIn.screenshot({ path: join(SHOTS, 'api-docs-sign-in.png') });
  });

  test('everything came from this server: no request left it, nothing was refused, nothing failed', async () => {
    expect(requests.some((url) => url.includes('/api/docs/assets/swagger-ui-dist@'))).toBe(true);
    expect(requests).toContain(`${base}/api/openapi.json`);
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
  });
});
