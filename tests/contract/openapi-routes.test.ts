/**
 * The OpenAPI document against the routes: every function file loaded as the runner loads it
 * (loadNodeApi), the API built, /api/openapi.json fetched. Every mounted route (method and path) has
 * exactly one operation and every operation a route; each operation has a summary, a unique
 * operationId, a tag, a 2xx answer with a schema (or a 204), and an error answer for each guard and
 * validation on its route. A new function file without its `describe()` fails here.
 * Then the document is held to what the API really answers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { buildApi, type Api } from '../../shared/http/api';
import { newFunction, type FunctionApp } from '../../shared/http/define-function';
import { requireRole, requireSession } from '../../shared/http/guards';
import { describe as describeRoute, handlerMeta, type RouteMeta } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { loadNodeApi } from '../../shared/runtime/node/node-api';
import { useTestWorld } from '../support/test-deps';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FUNCTIONS = resolve(ROOT, 'functions');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const world = useTestWorld();

async function call(api: Api, method: string, path: string, init: { json?: unknown; cookie?: string } = {}) {
  const headers = new Headers();
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await api.request(path, { method, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) }, { deps: world().deps, clientAddress: '192.0.2.77' });
  const text = await res.text();
  let json: Json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json };
}

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

/** The error codes an error answer lists (in its schema's `code` enum). */
function codesOf(response: Json): string[] {
  return response?.content?.['application/json']?.schema?.allOf?.[1]?.properties?.error?.properties?.code?.enum ?? [];
}

/** What each mounted route's middleware recorded, by `METHOD /api/path`. */
function metasOf(apps: FunctionApp[]): Map<string, RouteMeta[]> {
  const metas = new Map<string, RouteMeta[]>();
  for (const app of apps) {
    for (const route of app.routes) {
      if (route.method === 'ALL') continue;
      const key = routeKey(route.method, `/api${route.path}`);
      const meta = handlerMeta(route.handler);
      metas.set(key, [...(metas.get(key) ?? []), ...(meta ? [meta] : [])]);
    }
  }
  return metas;
}

/** Everything wrong between the mounted routes and the document; empty when they agree. */
function contractProblems(api: Api, apps: FunctionApp[], doc: Json): string[] {
  const problems: string[] = [];
  const mounted = new Set(api.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => routeKey(r.method, r.path)));
  const documented = new Map<string, Json>();
  for (const [path, methods] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries<Json>(methods)) documented.set(routeKey(method, path), operation);
  }
  for (const key of mounted) if (!documented.has(key)) problems.push(`${key} is mounted but has no operation`);
  for (const key of documented.keys()) if (!mounted.has(key)) problems.push(`${key} is documented but not mounted`);

  const metas = metasOf(apps);
  const ids = new Map<string, string>();
  for (const [key, op] of documented) {
    const method = key.split(' ')[0]!;
    const responses: Record<string, Json> = op.responses ?? {};
    if (typeof op.summary !== 'string' || op.summary.trim() === '') problems.push(`${key} has no summary`);
    if (typeof op.operationId !== 'string' || op.operationId === '') problems.push(`${key} has no operationId`);
    else if (ids.has(op.operationId)) problems.push(`${key} has the operationId ${op.operationId} of ${ids.get(op.operationId)}`);
    else ids.set(op.operationId, key);
    if (!Array.isArray(op.tags) || op.tags.length !== 1 || typeof op.tags[0] !== 'string' || op.tags[0] === '') problems.push(`${key} has no tag`);

    const successes = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
    const described = successes.some(([status, res]) => status === '204' || Object.values<Json>(res.content ?? {}).some((media) => media.schema));
    if (!described) problems.push(`${key} has no 2xx answer with a schema (or 204)`);

    const needs = (status: number, code: string, why: string) => {
      if (!codesOf(responses[String(status)]).includes(code)) problems.push(`${key} ${why} but lists no ${status} ${code}`);
    };
    for (const meta of metas.get(key) ?? []) {
      if (meta.kind === 'body') {
        needs(400, 'invalid_input', 'validates its body');
        needs(413, 'payload_too_large', 'reads a body');
        needs(415, 'unsupported_media_type', 'reads a body');
      } else if (meta.kind === 'query') {
        needs(400, 'invalid_input', 'validates its query');
      } else if (meta.kind === 'session') {
        needs(401, 'unauthenticated', 'needs a session');
        needs(503, 'unavailable', 'needs a session (Redis and the database)');
        if (meta.roles.length > 0) needs(403, 'forbidden', `is for ${meta.roles.join(', ')} only`);
      }
    }
    if (!SAFE_METHODS.has(method)) needs(403, 'forbidden', 'changes state (the origin rule)');

    for (const [status, res] of Object.entries(responses)) {
      // An error envelope names its codes; a 4xx/5xx with a body of the route's own (health's 503) is not one.
      const envelope = JSON.stringify(res.content ?? {}).includes('#/components/schemas/Error');
      if (!/^[45]\d\d$/.test(status) || !envelope) continue;
      if (codesOf(res).length === 0) problems.push(`${key} answers ${status} without naming its error codes`);
      if ((status === '429' || status === '503') && !res.headers?.['Retry-After']) problems.push(`${key} answers ${status} without Retry-After`);
    }
  }
  return problems;
}

async function documentOf(api: Api): Promise<Json> {
  const res = await call(api, 'GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  return res.json;
}

describe('the OpenAPI document and the routes', () => {
  test('every route the runner mounts has exactly one complete operation, and every operation a route', async () => {
    const { api, apps, functions } = await loadNodeApi(FUNCTIONS);
    const doc = await documentOf(api);
    expect(contractProblems(api, apps, doc)).toEqual([]);
    // The walk really saw the function files and their guards, not an empty list.
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['auth/login', 'auth/logout', 'auth/me', 'auth/register', 'health']));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/health', '/api/openapi.json', '/api/docs']));
    expect(metasOf(apps).get('GET /api/auth/me')?.map((m) => m.kind)).toEqual(['describe', 'session']);
  });

  test('a function file without describe(), or with an incomplete one, or an operation with no route, is caught', async () => {
    const { apps } = await loadNodeApi(FUNCTIONS);
    const undescribed = newFunction().post('/catalog/things', requireRole('admin'), body(v.object({ name: v.string() })), (c) => c.json({}, 201));
    const incomplete = newFunction().get('/catalog/other', describeRoute({ summary: ' ', operationId: 'signIn', responses: { 200: null } }), (c) => c.json({}));
    const withApps = [...apps, undescribed, incomplete];
    const api = buildApi(withApps);
    const doc = await documentOf(api);
    const problems = contractProblems(api, withApps, doc);
    expect(problems).toEqual(
      expect.arrayContaining([
        'POST /api/catalog/things has no summary',
        'POST /api/catalog/things has no operationId',
        'POST /api/catalog/things has no tag',
        'POST /api/catalog/things has no 2xx answer with a schema (or 204)',
        'GET /api/catalog/other has no summary',
        'GET /api/catalog/other has the operationId signIn of POST /api/auth/login',
        'GET /api/catalog/other has no 2xx answer with a schema (or 204)',
      ]),
    );
    expect(problems).toHaveLength(7);

    // An operation nobody serves, and a guard whose errors went missing from the document.
    doc.paths['/api/ghost'] = { get: doc.paths['/api/health'].get };
    delete doc.paths['/api/auth/me'].get.responses['401'];
    const more = contractProblems(api, withApps, doc);
    expect(more).toContain('GET /api/ghost is documented but not mounted');
    expect(more).toContain('GET /api/auth/me needs a session but lists no 401 unauthenticated');
  });

  test('the guard of a route added later must show in the document, whatever else its describe() says', async () => {
    const guarded = newFunction().get('/doctor/things', describeRoute({ summary: 'Things', responses: { 200: v.object({ items: v.array(v.string()) }) } }), requireSession(), (c) => c.json({ items: [] }));
    const api = buildApi([guarded]);
    expect(contractProblems(api, [guarded], await documentOf(api))).toEqual([]);
  });

  test('what the API answers is what the document says: statuses listed, bodies matching the declared schemas', async () => {
    const { api, apps } = await loadNodeApi(FUNCTIONS);
    const doc = await documentOf(api);
    const metas = metasOf(apps);
    const declared = (key: string, status: number) => {
      const description = metas.get(key)?.find((m) => m.kind === 'describe');
      const spec = description?.kind === 'describe' ? description.description.responses[status] : undefined;
      if (spec && (spec as { kind?: string }).kind === 'schema') return spec as v.GenericSchema;
      return (spec as { schema?: v.GenericSchema } | undefined)?.schema;
    };
    const checked: string[] = [];
    const expectDocumented = async (method: string, path: string, template: string, init: Parameters<typeof call>[3] = {}) => {
      const res = await call(api, method, path, init);
      const key = routeKey(method, template);
      const op = doc.paths[template]?.[method.toLowerCase()];
      expect(op, key).toBeDefined();
      expect(Object.keys(op.responses), `${key} answered ${res.status}`).toContain(String(res.status));
      if (res.status >= 400 && res.json?.error) expect(codesOf(op.responses[String(res.status)]), `${key} answered ${res.json.error.code}`).toContain(res.json.error.code);
      const schema = declared(key, res.status);
      if (schema) expect(v.safeParse(schema, res.json).success, `${key} ${res.status} body matches its schema`).toBe(true);
      checked.push(`${key} ${res.status}`);
      return res;
    };

    // Every operation, asked anonymously with an empty body: whatever it answers is documented.
    for (const [template, methods] of Object.entries<Json>(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const path = template.replace(/\{\w+\}/g, 'x');
        await expectDocumented(method.toUpperCase(), path, template, SAFE_METHODS.has(method.toUpperCase()) ? {} : { json: {} });
      }
    }

    // And the answers of a real session.
    const person = { name: 'Contract Tester', email: `contract.${Date.now()}@example.org`, password: 'a long and unusual passphrase' };
    const registered = await expectDocumented('POST', '/api/auth/register', '/api/auth/register', { json: person });
    expect(registered.status).toBe(201);
    const cookie = registered.headers.get('set-cookie')!.split(';')[0]!;
    expect((await expectDocumented('POST', '/api/auth/register', '/api/auth/register', { json: person })).status).toBe(409);
    expect((await expectDocumented('GET', '/api/auth/me', '/api/auth/me', { cookie })).status).toBe(200);
    expect((await expectDocumented('POST', '/api/auth/login', '/api/auth/login', { json: { email: person.email, password: 'not it at all' } })).status).toBe(401);
    const signedIn = await expectDocumented('POST', '/api/auth/login', '/api/auth/login', { json: { email: person.email, password: person.password } });
    expect(signedIn.status).toBe(200);
    const cookie2 = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await expectDocumented('POST', '/api/auth/logout', '/api/auth/logout', { cookie: cookie2 })).status).toBe(204);
    expect(checked).toEqual(expect.arrayContaining(['GET /api/health 200', 'POST /api/auth/login 400', 'GET /api/auth/me 401', 'GET /api/docs/assets/{package}/{file} 404']));
  });

  test('docs/api.md, the prose contract, names every operation and every error code of the document', async () => {
    const { api } = await loadNodeApi(FUNCTIONS);
    const doc = await documentOf(api);
    const prose = readFileSync(resolve(ROOT, 'docs/api.md'), 'utf8');
    const missing: string[] = [];
    for (const [path, methods] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(methods)) {
        // The reference page's own files are plumbing, not part of the contract.
        if (op.tags?.[0] === 'reference' && path !== '/api/openapi.json' && path !== '/api/docs') continue;
        if (!prose.includes(`${method.toUpperCase()} ${path}`)) missing.push(`${method.toUpperCase()} ${path}`);
        for (const [status, res] of Object.entries<Json>(op.responses)) {
          for (const code of codesOf(res)) if (!new RegExp(`\\| ${status} \\| \`${code}\``).test(prose)) missing.push(`${status} ${code}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
