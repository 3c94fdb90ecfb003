import { describe, expect, test } from 'vitest';
import { signedIn } from '../../tests/support/accounts';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import deleteSession from './delete-session';
import listSessions from './list-sessions';
import me from './me';

const world = useTestWorld();
const fns = [deleteSession, listSessions, me];
const idsOf = async (c: Awaited<ReturnType<typeof signedIn>>) => (await c.get('/api/auth/sessions')).body.items as Array<{ id: string; current: boolean }>;

describe('DELETE /api/auth/sessions/:id', () => {
  test('ends one of my other sessions: 204, that browser is signed out, this one is not; audited', async () => {
    const user = await createUser(world().deps);
    const phone = await signedIn(world().deps, fns, user);
    const desk = await signedIn(world().deps, fns, user);
    const other = (await idsOf(desk)).find((s) => !s.current)!;
    const res = await desk.call('DELETE', `/api/auth/sessions/${other.id}`);
    expect(res.status).toBe(204);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await desk.get('/api/auth/me')).status).toBe(200);
    expect(await idsOf(desk)).toHaveLength(1);
    const rows = await world().deps.db.selectFrom('audit_log').selectAll().where('actor_id', '=', user.id).where('action', '=', 'session_end').execute();
    expect(rows).toEqual([expect.objectContaining({ entity_id: other.id, outcome: 'ok' })]);
  });

  test('ending the current session signs this browser out and clears its cookie', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const [current] = await idsOf(c);
    const res = await c.call('DELETE', `/api/auth/sessions/${current!.id}`);
    expect(res.status).toBe(204);
    expect(res.setCookie).toMatch(/Max-Age=0/);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  test("another user's session id is 404, the same answer as a made-up id, and that session lives on", async () => {
    const [a, b] = [await createUser(world().deps), await createUser(world().deps)];
    const ca = await signedIn(world().deps, fns, a);
    const cb = await signedIn(world().deps, fns, b);
    const [theirs] = await idsOf(cb);
    const other = await ca.call('DELETE', `/api/auth/sessions/${theirs!.id}`);
    const missing = await ca.call('DELETE', `/api/auth/sessions/${'0'.repeat(32)}`);
    expect(other.status).toBe(404);
    expect(other.text).toBe(missing.text);
    expect((await cb.get('/api/auth/me')).status).toBe(200);
  });

  test('the session token (or its hash) does not name a session', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const token = c.cookie!.split('=')[1]!;
    expect((await c.call('DELETE', `/api/auth/sessions/${token}`)).status).toBe(404);
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });

  test('no session is 401', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, fns, user);
    const [s] = await idsOf(c);
    c.cookie = null;
    expect((await c.call('DELETE', `/api/auth/sessions/${s!.id}`)).status).toBe(401);
  });
});
