import { beforeEach, describe, expect, test } from 'vitest';
import { replaceDates } from '../../shared/booking/availability-store';
import { signedIn } from '../../tests/support/availability';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getAvailability from './get-availability';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const NOW = '2026-12-01T08:00:00.000Z'; // Tuesday; the booking window is 1 to 7 December

beforeEach(() => world().clock.set(NOW));

const MONDAY_AND_TUESDAY = [
  { weekday: 1, windows: [{ start: '09:00', end: '12:00' }] },
  { weekday: 2, windows: [{ start: '14:00', end: '18:00' }, { start: '08:00', end: '10:00' }] },
];

describe('GET /api/doctor/availability', () => {
  test('a doctor sees the 7 days of the booking window: the template where it applies, dates set explicitly as such', async () => {
    const deps = world().deps;
    const doctor = await createDoctor(deps, { weekly: MONDAY_AND_TUESDAY });
    await replaceDates(deps.db, doctor.id, [
      { date: '2026-12-03', windows: [{ start: '10:00', end: '11:00' }] },
      { date: '2026-12-07', windows: [] },
    ], NOW);
    const res = await (await signedIn(deps, [getAvailability], doctor)).get('/api/doctor/availability');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      days: [
        { date: '2026-12-01', windows: [{ start: '08:00', end: '10:00' }, { start: '14:00', end: '18:00' }], source: 'weekly' },
        { date: '2026-12-02', windows: [], source: 'weekly' },
        { date: '2026-12-03', windows: [{ start: '10:00', end: '11:00' }], source: 'date' },
        { date: '2026-12-04', windows: [], source: 'weekly' },
        { date: '2026-12-05', windows: [], source: 'weekly' },
        { date: '2026-12-06', windows: [], source: 'weekly' },
        { date: '2026-12-07', windows: [], source: 'date' },
      ],
    });
  });

  test("a doctor sees only their own availability, never another doctor's dates", async () => {
    const deps = world().deps;
    const [doctor, other] = [await createDoctor(deps), await createDoctor(deps)];
    await replaceDates(deps.db, other.id, [{ date: '2026-12-02', windows: [] }], NOW);
    const res = await (await signedIn(deps, [getAvailability], doctor)).get('/api/doctor/availability');
    expect(res.body.days.every((d: { source: string }) => d.source === 'weekly')).toBe(true);
  });

  test('the window follows the hospital zone and the clock', async () => {
    const deps = world().deps;
    const doctor = await createDoctor(deps);
    const c = await signedIn(deps, [getAvailability], doctor);
    world().clock.set('2026-06-30T23:30:00.000Z'); // already 1 July in London (BST)
    const dates = (await c.get('/api/doctor/availability')).body.days.map((d: { date: string }) => d.date);
    expect(dates).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06', '2026-07-07']);
  });

  test('signed out answers 401; patients and admins 403', async () => {
    const deps = world().deps;
    expect((await testClient(deps, [getAvailability]).get('/api/doctor/availability')).status).toBe(401);
    for (const role of ['patient', 'admin'] as const) {
      const res = await (await signedIn(deps, [getAvailability], await createUser(deps, { role }))).get('/api/doctor/availability');
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
