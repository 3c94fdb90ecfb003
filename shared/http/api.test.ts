import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import login from '../../functions/auth/login';
import me from '../../functions/auth/me';
import { newFunction } from './define-function';
import { requireRole } from './guards';
import { body } from './validate';

const world = useTestWorld();

// Small functions that exist only in this test, to exercise what every endpoint gets.
const boom = newFunction().get('/test/boom', () => {
  throw new Error('SELECT secret FROM patients -- internal detail');
});
const echo = newFunction().post('/test/echo', body(v.object({ note: v.pipe(v.string(), v.maxLength(10)) })), (c) => c.json(c.req.valid('json')));
const doctorsOnly = newFunction().get('/test/doctors-only', requireRole('doctor'), (c) => c.json({ ok: true }));

const client = () => testClient(world().deps, [login, me, boom, echo, doctorsOnly]);

describe('what every API response gets', () => {
  test('an unknown /api path answers the JSON 404 envelope', async () => {
    const res = await client().get('/api/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  test('security headers and a request id are on every response, errors included', async () => {
    for (const res of [await client().get('/api/auth/me'), await client().get('/api/nope')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    }
  });

  test('every answer carries exactly this set of headers: a 404, a 401, a 200 with a body, and a 500 alike', async () => {
    const user = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    const expected = {
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'content-type': 'application/json',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=15552000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-request-id': expect.stringMatching(/^[\w-]{8,64}$/),
      'x-xss-protection': '0',
    };
    for (const res of [await c.get('/api/nope'), await client().get('/api/auth/me'), await c.get('/api/auth/me'), await c.get('/api/test/boom')]) {
      const headers = Object.fromEntries(res.headers);
      delete headers['content-length'];
      expect(headers, `${res.status}`).toEqual(expected);
    }
    // A request id the caller sent is kept (when it is a sane one) and a GET's answer names it.
    const traced = await c.get('/api/auth/me', { headers: { 'x-request-id': 'trace-0123456789' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-0123456789');
  });

  test('an unexpected error is an opaque 500 with a request id, and the details go to the log only', async () => {
    const res = await client().get('/api/test/boom');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal');
    expect(res.text).not.toMatch(/SELECT|secret|stack|Error:/);
    const requestId = res.headers.get('x-request-id')!;
    expect(res.body.error.message).toContain(requestId);
    const logged = world().log.records.find((r) => r.level === 'error' && r.fields?.requestId === requestId);
    expect(JSON.stringify(logged)).toContain('internal detail');
  });

  test('one log line per request names its id, method, path and status', async () => {
    const res = await client().get('/api/auth/me');
    const id = res.headers.get('x-request-id');
    const lines = world().log.records.filter((r) => r.message === 'request' && r.fields?.requestId === id);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields).toMatchObject({ method: 'GET', path: '/api/auth/me', status: 401 });
  });

  test('a state-changing request from a foreign origin gets 403 forbidden', async () => {
    const user = await createUser(world().deps);
    const res = await client().post('/api/auth/login', { json: { email: user.email, password: user.password }, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.setCookie).toBeNull();
    const nullOrigin = await client().post('/api/auth/login', { json: { email: user.email, password: user.password }, origin: 'null' });
    expect(nullOrigin.status).toBe(403);
  });

  test('the web app origins, the API own origin and no Origin at all are accepted', async () => {
    const user = await createUser(world().deps);
    expect(world().config.apiOrigins).toEqual(['http://localhost:5000', 'http://127.0.0.1:5000']);
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:5000', 'http://127.0.0.1:5000', undefined]) {
      const res = await client().post('/api/auth/login', { json: { email: user.email, password: user.password }, ...(origin ? { origin } : {}) });
      expect(res.status, `origin ${origin}`).toBe(200);
    }
  });

  test('the API own origin comes from API_ORIGIN, not from the Host the request names', async () => {
    const user = await createUser(world().deps);
    const credentials = { email: user.email, password: user.password };
    // A forged Host with a matching Origin: the request's own origin is whatever the client says it is.
    const forged = await client().call('POST', 'http://evil.example/api/auth/login', {
      json: credentials,
      origin: 'http://evil.example',
      headers: { host: 'evil.example' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('forbidden');
    expect(forged.setCookie).toBeNull();
    // The test client's requests go to http://localhost; that is not an origin of ours either.
    expect((await client().post('/api/auth/login', { json: credentials, origin: 'http://localhost' })).status).toBe(403);
  });

  test('a read from a foreign origin is judged by its session alone', async () => {
    const res = await client().get('/api/auth/me', { origin: 'https://evil.example' });
    expect(res.status).toBe(401);
  });

  test('a body declared over 100 KB gets 413 before it is read', async () => {
    const res = await client().post('/api/test/echo', { body: JSON.stringify({ note: 'x'.repeat(110_000) }), contentType: 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  test('a chunked body with no Content-Length is cut off at 100 KB too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Up to 1 MB, a chunk at a time: the limit must stop reading long before the end.
        if (sent >= 64) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await client().api.request(
      '/api/test/echo',
      { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit,
      { deps: world().deps, clientAddress: '198.51.100.7' },
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(64);
  });

  test('validation messages name the field and say why, without the value', async () => {
    const res = await client().post('/api/test/echo', { json: { note: 'TOO-LONG-SECRET' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_input', message: expect.any(String), fields: { note: 'must be at most 10 characters' } } });
    expect(res.text).not.toContain('SECRET');
  });

  test('a role guard answers 401 without a session and 403 for another role', async () => {
    expect((await client().get('/api/test/doctors-only')).status).toBe(401);
    const patient = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: patient.email, password: patient.password } });
    const res = await c.get('/api/test/doctors-only');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const doctor = await createUser(world().deps, { role: 'doctor' });
    await c.post('/api/auth/login', { json: { email: doctor.email, password: doctor.password } });
    expect((await c.get('/api/test/doctors-only')).status).toBe(200);
  });
});
