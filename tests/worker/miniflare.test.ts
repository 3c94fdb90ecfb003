/**
 * The functions as a Cloudflare Worker: the bundle scripts/build-worker.ts makes, run inside workerd by
 * Miniflare with a local D1 database and KV namespace, answering the auth flow of API.md. Proves the
 * Worker entry, its adapters (D1 with batched transactions, KV sessions, pure-JS argon2id) and the
 * generated list of functions together.
 */
import { readFileSync } from 'node:fs';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorker, type TestWorker } from '../support/worker';

const ORIGIN = 'http://localhost:8787';
const patient = { name: 'Ada Lovelace', email: 'ada@example.org', password: 'analytical engine 1843' };

let worker: TestWorker | undefined;
let bundle: string;
let mf: Miniflare;

const call = (path: string, init?: RequestInit) => mf.dispatchFetch(`${ORIGIN}${path}`, init as never);

/** `name=value` of a Set-Cookie header, as a browser would send it back. */
const cookiePair = (setCookie: string | null) => setCookie?.split(';')[0] ?? '';

beforeAll(async () => {
  worker = await startWorker({ name: 'auth', timeZone: 'Europe/London' });
  mf = worker.mf;
  bundle = readFileSync(worker.outfile, 'utf8');
});

afterAll(async () => {
  await worker?.dispose();
});

describe('the API as a Cloudflare Worker on D1 and KV', () => {
  test('health answers 200 with the database and the cache up', async () => {
    const res = await call('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
  });

  test('an unknown path answers the JSON 404 envelope', async () => {
    const res = await call('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  test('me without a session cookie answers 401 unauthenticated', async () => {
    const res = await call('/api/auth/me');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  test('a patient registers, is signed in by the cookie, and is signed out by logout', async () => {
    const registered = await call('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(patient),
    });
    expect(registered.status).toBe(201);
    expect(await registered.json()).toMatchObject({ user: { role: 'patient', email: patient.email } });
    const cookie = cookiePair(registered.headers.get('set-cookie'));
    expect(cookie).toMatch(/^wardline_session=\w+/);

    const me = await call('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { role: 'patient', email: patient.email, name: patient.name } });

    const logout = await call('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    await logout.arrayBuffer();

    const after = await call('/api/auth/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  test('the registered patient is really stored in D1, with an argon2id hash and the audit rows', async () => {
    const db = await mf.getD1Database('DB');
    const user = await db
      .prepare('select u.role, u.password_hash, p.user_id as patient from users u join patients p on p.user_id = u.id where u.email = ?')
      .bind(patient.email)
      .first<{ role: string; password_hash: string; patient: string }>();
    expect(user?.role).toBe('patient');
    expect(user?.patient).toBeTruthy();
    expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const audit = await db.prepare('select action from audit_log order by at, action').all<{ action: string }>();
    expect(audit.results.map((row) => row.action).sort()).toEqual(['logout', 'register']);
  });

  test('registering the same email twice answers 409 email_taken', async () => {
    const res = await call('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(patient),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'email_taken' } });
  });

  test('the OpenAPI document is served and describes the auth operations', async () => {
    const res = await call('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { summary?: string }>> };
    expect(doc.paths['/api/auth/login']?.post?.summary).toBe('Sign in');
    expect(doc.paths['/api/openapi.json']?.get?.summary).toBeTruthy();
  });

  test('the Worker serves no reference page (ADR 010): /api/docs is 404, its document does not list it, its bundle has no Swagger UI', async () => {
    const res = await call('/api/docs');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    const doc = (await (await call('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/docs'))).toEqual([]);
    expect(bundle).not.toContain('SwaggerUIBundle');
    expect(bundle).not.toContain('swagger-ui-dist');
  });
});
