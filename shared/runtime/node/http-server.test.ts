/**
 * The Node servers as the runner starts them: real sockets from `listen()`, the real API, the built web
 * app's files from a temp folder.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import health from '../../../functions/health';
import login from '../../../functions/auth/login';
import { buildApi } from '../../http/api';
import { newFunction } from '../../http/define-function';
import { WEB_CONTENT_SECURITY_POLICY } from '../../http/web-headers';
import { useTestWorld } from '../../../tests/support/test-deps';
import type { Deps } from '../deps';
import { apiFetch, listen, webFetch, type RunningServer } from './http-server';

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

/** Waits (without judging how long it took) for the log line of one request. */
async function requestLine(requestId: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const line = world().log.records.find((r) => r.message === 'request' && r.fields?.requestId === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no request line for ${requestId}: ${JSON.stringify(world().log.records.slice(-5))}`);
}

describe('the API server (listen)', () => {
  test('over a real socket every answer carries the same headers as in process, and a route\'s own header wins', async () => {
    const own = newFunction().get('/test/own-headers', (c) => {
      c.header('Content-Security-Policy', "default-src 'self'");
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ ok: true });
    });
    const api = buildApi([health, own]);
    const server = await listen(apiFetch(api, world().deps), 0, '127.0.0.1');
    try {
      for (const path of ['/api/health', '/api/nope']) {
        const overSocket = await get(server.port, path);
        const inProcess = Object.fromEntries((await api.request(path, {}, { deps: world().deps })).headers);
        const { date: _date, connection: _connection, 'content-length': _length, ...socketHeaders } = overSocket.headers;
        delete inProcess['content-length'];
        expect({ ...socketHeaders, 'x-request-id': 'id' }, path).toEqual({ ...inProcess, 'x-request-id': 'id' });
        expect(overSocket.headers['x-request-id']).toMatch(/^[\w-]{8,64}$/);
      }
      const ownAnswer = await get(server.port, '/api/test/own-headers');
      expect(ownAnswer.headers['content-security-policy']).toBe("default-src 'self'");
      expect(ownAnswer.headers['cache-control']).toBe('public, max-age=60');
      expect(ownAnswer.headers['x-frame-options']).toBe('DENY');
    } finally {
      await server.close();
    }
  });

  test('a client that drops its connection mid-body is logged as a closed connection, not as a 500 error', async () => {
    const server = await listen(apiFetch(buildApi([login]), world().deps), 0, '127.0.0.1');
    const requestId = `dropped-body-${Math.random().toString(36).slice(2, 10)}`;
    try {
      const socket = connect(server.port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Content-Length: 5000\r\nX-Request-Id: ${requestId}\r\n\r\n{"email":"a`,
      );
      // The server has the headers and a few bytes of the body; then the client goes away.
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();

      const line = await requestLine(requestId);
      expect(line.level).toBe('info');
      expect(line.fields?.status).not.toBe(500);
      const ours = world().log.records.filter((r) => r.fields?.requestId === requestId);
      expect(ours.filter((r) => r.level === 'error')).toEqual([]);
      expect(ours.find((r) => r.message === 'client closed the connection')).toMatchObject({
        level: 'info',
        fields: { requestId, method: 'POST', path: '/api/auth/login' },
      });
    } finally {
      await server.close();
    }
  });

  test('an error that only looks like a dropped connection, on a request whose client is still there, is still a 500 in the error log', async () => {
    const lookalike = newFunction().get('/test/lookalike', () => {
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    });
    const server = await listen(apiFetch(buildApi([lookalike]), world().deps), 0, '127.0.0.1');
    const requestId = `lookalike-${Math.random().toString(36).slice(2, 10)}`;
    try {
      const res = await new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: server.port, path: '/api/test/lookalike', agent: false, headers: { 'x-request-id': requestId } }, (r) => {
          r.resume();
          r.on('end', () => resolve(r.statusCode!));
        })
          .on('error', reject)
          .end();
      });
      expect(res).toBe(500);
      expect(world().log.records.find((r) => r.level === 'error' && r.fields?.requestId === requestId)).toMatchObject({ message: 'unhandled error' });
    } finally {
      await server.close();
    }
  });

  test('header, request and keep-alive timeouts are short, not Node defaults (300 s for a request)', async () => {
    const server = await listen(apiFetch(buildApi([health]), world().deps), 0, '127.0.0.1');
    try {
      const { headersTimeout, requestTimeout, keepAliveTimeout } = server.server;
      expect(headersTimeout).toBeGreaterThanOrEqual(10_000);
      expect(headersTimeout).toBeLessThanOrEqual(20_000);
      expect(requestTimeout).toBe(30_000);
      expect(keepAliveTimeout).toBeGreaterThanOrEqual(1_000);
      expect(keepAliveTimeout).toBeLessThanOrEqual(10_000);
      // Node wants the header limit above the keep-alive one, or a reused connection can be cut mid-request.
      expect(headersTimeout).toBeGreaterThan(keepAliveTimeout);
    } finally {
      await server.close();
    }
  });
});
