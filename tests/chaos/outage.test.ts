/**
 * An outage is not an internal error (issue 5 item 14). A private redis-server runs under the API; we
 * stop it, and what needs Redis answers 503 `unavailable` with Retry-After and one warning in the log;
 * we start it again on the same port and data, and the API works again by itself. A database that
 * does not answer is 503 too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import login from '../../functions/auth/login';
import logout from '../../functions/auth/logout';
import me from '../../functions/auth/me';
import health from '../../functions/health';
import { testClient } from '../support/http';
import { freePort, portAnswers } from '../support/net';
import { createTestWorld, type TestWorld } from '../support/test-deps';
import { createUser } from '../support/users';
import { openDatabase } from '../../shared/runtime/node/database';

let dir: string;
let port: number;
let server: ChildProcess | undefined;
let world: TestWorld;

async function startRedis(): Promise<void> {
  // Append-only in a temp folder, so the session made before the outage is still there after it.
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await portAnswers(port)); i++) await new Promise((r) => setTimeout(r, 50));
}

async function stopRedis(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  const exited = new Promise((done) => s.once('exit', done));
  s.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardline-outage-'));
  port = await freePort();
  await startRedis();
  world = await createTestWorld({ REDIS_URL: `redis://127.0.0.1:${port}` });
});

afterAll(async () => {
  await world?.cleanup().catch(() => {});
  await stopRedis();
  rmSync(dir, { recursive: true, force: true });
});

describe('with Redis stopped under a running API', () => {
  test('requests that need it answer 503 unavailable with Retry-After, log one warning, and recover when it is back', async () => {
    const user = await createUser(world.deps);
    const c = testClient(world.deps, [login, logout, me, health]);
    expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);

    await stopRedis();
    const answers = [
      await c.get('/api/auth/me'),
      await c.post('/api/auth/login', { json: { email: user.email, password: user.password } }),
      await c.post('/api/auth/logout'),
      await c.get('/api/auth/me'),
    ];
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await c.get('/api/health')).body).toMatchObject({ status: 'degraded', redis: 'down', database: 'ok' });
    const levels = world.log.records.filter((r) => r.level === 'warn' || r.level === 'error');
    expect(levels.filter((r) => r.level === 'error')).toEqual([]);
    expect(levels.filter((r) => /redis is unavailable/.test(r.message))).toHaveLength(1);

    await startRedis();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await c.get('/api/auth/me')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    // The same session as before the outage: nothing was lost, nobody had to sign in again.
    expect(status).toBe(200);
    expect((await c.get('/api/auth/me')).body.user.id).toBe(user.id);
  });
});

describe('with the database unreachable', () => {
  test('sign-in answers 503 unavailable, not 500 internal', async () => {
    const db = openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${await freePort()}/test` });
    try {
      const c = testClient({ ...world.deps, db }, [login]);
      const res = await c.post('/api/auth/login', { json: { email: 'someone@example.org', password: 'whatever it is' } });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await db.destroy();
    }
  });
});
