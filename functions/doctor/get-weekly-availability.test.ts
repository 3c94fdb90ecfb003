import { describe, expect, test } from 'vitest';
import { signedIn } from '../../tests/support/availability';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getWeeklyAvailability from './get-weekly-availability';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });

describe('GET /api/doctor/availability/weekly', () => {
  test('a doctor sees their slot length and all 7 weekdays from Monday, days off with no windows', async () => {
    const deps = world().deps;
    const doctor = await createDoctor(deps, {
      slotMinutes: 20,
      weekly: [
        { weekday: 3, windows: [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }] },
        { weekday: 7, windows: [{ start: '20:00', end: '24:00' }] },
      ],
    });
    const res = await (await signedIn(deps, [getWeeklyAvailability], doctor)).get('/api/doctor/availability/weekly');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      slotMinutes: 20,
      weekly: [
        { weekday: 1, windows: [] },
        { weekday: 2, windows: [] },
        { weekday: 3, windows: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
        { weekday: 4, windows: [] },
        { weekday: 5, windows: [] },
        { weekday: 6, windows: [] },
        { weekday: 7, windows: [{ start: '20:00', end: '24:00' }] },
      ],
    });
  });

  test('signed out answers 401; patients and admins 403', async () => {
    const deps = world().deps;
    expect((await testClient(deps, [getWeeklyAvailability]).get('/api/doctor/availability/weekly')).status).toBe(401);
    for (const role of ['patient', 'admin'] as const) {
      const res = await (await signedIn(deps, [getWeeklyAvailability], await createUser(deps, { role }))).get('/api/doctor/availability/weekly');
      expect(res.status, role).toBe(403);
    }
  });
});
