import { describe, expect, test } from 'vitest';
import { sessionIdFromToken } from '../../shared/auth/tokens';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createUser } from '../../tests/support/users';
import login from './login';
import logout from './logout';
import me from './me';

const world = useTestWorld();

async function signedIn() {
  const user = await createUser(world().deps);
  const c = testClient(world().deps, [login, logout, me]);
  expect((await c.post('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
  return { c, user };
}

describe('POST /api/auth/logout', () => {
  test('logout answers 204, clears the cookie and ends the session on the server', async () => {
    const { c } = await signedIn();
    const cookie = c.cookie!;
    const token = cookie.split('=')[1]!;
    const res = await c.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.setCookie).toMatch(/Max-Age=0/);
    // Replaying the old cookie does not work: the session is gone from Redis, not only from the browser.
    expect((await c.get('/api/auth/me', { cookie })).status).toBe(401);
    expect(await world().deps.cache.get(`session:${sessionIdFromToken(token)}`)).toBeNull();
  });

  test('logout without a session gets 401', async () => {
    const res = await testClient(world().deps, [logout]).post('/api/auth/logout');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  test('logging out one browser leaves the same user signed in on another', async () => {
    const { c, user } = await signedIn();
    const other = testClient(world().deps, [login, me]);
    await other.post('/api/auth/login', { json: { email: user.email, password: user.password } });
    await c.post('/api/auth/logout');
    expect((await other.get('/api/auth/me')).status).toBe(200);
  });

  test('logout works beside a malformed cookie of another site', async () => {
    const { c } = await signedIn();
    const res = await c.post('/api/auth/logout', { cookie: `analytics=50%; ${c.cookie}` });
    expect(res.status).toBe(204);
  });
});
