import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, auth, request, whenSessionEnds } from './api';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  test("a 409's appointmentIds stay on the error (which booked appointments stand in the way)", async () => {
    vi.stubGlobal('fetch', answer(409, { error: { code: 'state', message: 'Two would lose their time.', appointmentIds: ['a1', 'a2', 3] } }));
    const err = await request('PUT', '/doctor/availability', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'state', appointmentIds: ['a1', 'a2'] });
  });

  test('sends JSON to /api on the same origin with the session cookie', async () => {
    const fetch = answer(200, { user: { id: 'u1', role: 'patient', name: 'Ada', email: 'ada@example.com' } });
    vi.stubGlobal('fetch', fetch);
    await auth.login({ email: 'ada@example.com', password: 'secret secret' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'ada@example.com', password: 'secret secret' });
  });

  test('an error envelope becomes an ApiError with its code, message, fields and Retry-After', async () => {
    vi.stubGlobal('fetch', answer(429, { error: { code: 'rate_limited', message: 'Too many attempts.' } }, { 'retry-after': '120' }));
    const err = await request('POST', '/auth/login', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', message: 'Too many attempts.', retryAfterSeconds: 120 });

    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid_input', message: 'Some fields are not valid.', fields: { password: 'is too common' } } }));
    await expect(request('POST', '/auth/register', {})).rejects.toMatchObject({ status: 400, fields: { password: 'is too common' } });
  });

  test('an answer that is not the envelope still becomes a readable ApiError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })));
    await expect(request('GET', '/auth/me')).rejects.toMatchObject({ status: 502, code: 'internal' });
  });

  test('a network failure becomes status 0 with advice to check the connection', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('fetch failed'); }));
    await expect(request('GET', '/auth/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  test('a 204 answers nothing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    await expect(auth.logout()).resolves.toBeUndefined();
  });

  test('me() answers null without a session', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthenticated', message: 'Please sign in.' } }));
    await expect(auth.me()).resolves.toBeNull();
  });

  test('a 401 outside /auth tells the app that the session has ended; one from /auth does not', async () => {
    const ended = vi.fn();
    whenSessionEnds(ended);
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthenticated', message: 'Please sign in.' } }));
    await request('GET', '/auth/me').catch(() => {});
    expect(ended).not.toHaveBeenCalled();
    await request('GET', '/patient/profile').catch(() => {});
    expect(ended).toHaveBeenCalledOnce();
  });
});
