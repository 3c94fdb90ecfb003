/**
 * The Node servers as the runner starts them: real sockets from `listen()`, the real API, the built web
 * app's files from a temp folder.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import health from '../../../functions/health';
import { buildApi } from '../../http/api';
import { WEB_CONTENT_SECURITY_POLICY } from '../../http/web-headers';
import { useTestWorld } from '../../../tests/support/test-deps';
import type { Deps } from '../deps';
import { listen, webFetch, type RunningServer } from './http-server';

const world = useTestWorld();
let dist: string;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'wardline-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Wardline</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'app-3f2a1b.js'), 'console.log("app");');
});

afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
}

/** A GET without keep-alive, so that closing the server never waits for an idle client connection. */
function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

async function withWebServer(deps: Deps, use: (get: (path: string) => Promise<Answer>) => Promise<void>) {
  const server: RunningServer = await listen(webFetch(buildApi([health]), deps, dist), 0, '127.0.0.1');
  try {
    await use((path) => get(server.port, path));
  } finally {
    await server.close();
  }
}

describe('the web server (web/dist on WEB_PORT)', () => {
  test('sends the CSP (with frame-ancestors), a Permissions-Policy and the other page headers on pages and files', async () => {
    await withWebServer(world().deps, async (get) => {
      for (const path of ['/', '/sign-in', '/assets/app-3f2a1b.js']) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers['content-security-policy'], path).toBe(`${WEB_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
        expect(res.headers['permissions-policy'], path).toMatch(/(^|, )camera=\(\)(, |$)/);
        expect(res.headers['permissions-policy'], path).toContain('microphone=(), midi=(), payment=()');
        expect(res.headers['x-content-type-options'], path).toBe('nosniff');
        expect(res.headers['x-frame-options'], path).toBe('DENY');
        expect(res.headers['strict-transport-security'], path).toBeUndefined();
      }
      expect((await get('/')).headers['cache-control']).toBe('no-cache');
      expect((await get('/assets/app-3f2a1b.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });
  });

  test('sends HSTS when the first WEB_ORIGIN is https', async () => {
    const config = { ...world().config, webOrigins: ['https://wardline.example.org'] };
    await withWebServer({ ...world().deps, config }, async (get) => {
      for (const path of ['/', '/assets/app-3f2a1b.js']) {
        expect((await get(path)).headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
      }
    });
  });

  test('/api on the web port keeps the API headers, not the page ones', async () => {
    await withWebServer(world().deps, async (get) => {
      const res = await get('/api/health');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['permissions-policy']).toBeUndefined();
    });
  });
});
