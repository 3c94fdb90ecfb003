import { describe, expect, test } from 'vitest';
import { signedIn } from '../../tests/support/accounts';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listSessions from './list-sessions';
import logout from './logout';

const world = useTestWorld();
const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('GET /api/auth/sessions', () => {
  test("lists the user's live sessions, most recently seen first, this one marked, with device and address; never a token", async () => {
    const user = await createUser(world().deps);
    const laptop = await signedIn(world().deps, [listSessions], user, { userAgent: CHROME_LINUX, clientAddress: '198.51.100.10' });
    world().clock.advance(5 * 60_000);
    const desk = await signedIn(world().deps, [listSessions], user, { userAgent: FIREFOX_WINDOWS, clientAddress: '203.0.113.20' });
    const res = await desk.get('/api/auth/sessions');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{32}$/), createdAt: '2026-12-01T08:05:00.000Z', lastSeenAt: '2026-12-01T08:05:00.000Z', userAgent: FIREFOX_WINDOWS, device: 'Firefox on Windows', ip: '203.0.113.20', current: true },
      { id: expect.stringMatching(/^[0-9a-f]{32}$/), createdAt: '2026-12-01T08:00:00.000Z', lastSeenAt: '2026-12-01T08:00:00.000Z', userAgent: CHROME_LINUX, device: 'Chrome on Linux', ip: '198.51.100.10', current: false },
    ]);
    for (const c of [laptop, desk]) {
      const token = c.cookie!.split('=')[1]!;
      expect(res.text).not.toContain(token);
    }
    // From the laptop (its visit now touches its last-seen time), the laptop's is the current one.
    const fromLaptop = (await laptop.get('/api/auth/sessions')).body.items as Array<{ device: string; current: boolean }>;
    expect(fromLaptop.filter((s) => s.current).map((s) => s.device)).toEqual(['Chrome on Linux']);
    world().clock.set('2026-12-01T08:00:00.000Z');
  });

  test("shows no other user's sessions, and no ended ones", async () => {
    const [a, b] = [await createUser(world().deps), await createUser(world().deps)];
    const ca = await signedIn(world().deps, [listSessions, logout], a);
    await signedIn(world().deps, [listSessions], b);
    const gone = await signedIn(world().deps, [listSessions, logout], a);
    expect((await gone.post('/api/auth/logout')).status).toBe(204);
    const res = await ca.get('/api/auth/sessions');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].current).toBe(true);
  });

  test('no session is 401; every role sees its own', async () => {
    const user = await createUser(world().deps);
    const c = await signedIn(world().deps, [listSessions], user);
    for (const role of ['doctor', 'admin'] as const) {
      const staff = await createUser(world().deps, { role });
      expect((await (await signedIn(world().deps, [listSessions], staff)).get('/api/auth/sessions')).body.items).toHaveLength(1);
    }
    c.cookie = null;
    expect((await c.get('/api/auth/sessions')).status).toBe(401);
  });
});
