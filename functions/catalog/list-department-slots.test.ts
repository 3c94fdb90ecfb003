import { beforeEach, describe, expect, test } from 'vitest';
import { insertAppointment } from '../../tests/support/availability';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listDepartmentSlots from './list-department-slots';

// December in London is GMT: wall-clock times read the same as the UTC instants below.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const NOW = '2026-12-01T08:00:00.000Z'; // the booking window is 1 to 7 December

beforeEach(() => world().clock.set(NOW));

const anonymous = () => testClient(world().deps, [listDepartmentSlots]);
const morning = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, windows: [{ start, end }] }));

describe('GET /api/departments/:id/slots', () => {
  test("anyone sees every bookable doctor's free slots, by start and then by doctor", async () => {
    const deps = world().deps;
    const department = await createDepartment(deps);
    const a = await createDoctor(deps, { departmentId: department.id, weekly: morning('09:00', '10:00') });
    const b = await createDoctor(deps, { departmentId: department.id, weekly: morning('09:30', '10:30'), slotMinutes: 60 });
    await createDoctor(deps, { departmentId: department.id, status: 'blacklisted' });
    await createDoctor(deps, { departmentId: department.id, deleted: true });
    await createDoctor(deps); // another department's
    const res = await anonymous().get(`/api/departments/${department.id}/slots?from=2026-12-02&to=2026-12-02`);
    expect(res.status).toBe(200);
    const at0930 = {
      [a.id]: { doctorId: a.id, start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' },
      [b.id]: { doctorId: b.id, start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:30:00.000Z' },
    };
    expect(res.body.items).toEqual([
      { doctorId: a.id, start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
      // Two slots at one start: by doctor id.
      ...[a.id, b.id].sort().map((id) => at0930[id]),
    ]);
  });

  test('the whole booking window by default, minus taken slots and the minimum notice', async () => {
    const deps = world().deps;
    const department = await createDepartment(deps);
    const doctor = await createDoctor(deps, { departmentId: department.id, weekly: morning('08:30', '10:00') });
    const patient = await createUser(deps);
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-03T09:00:00.000Z' });
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-03T09:30:00.000Z', status: 'cancelled' });
    const starts = (await anonymous().get(`/api/departments/${department.id}/slots`)).body.items.map((s: { start: string }) => s.start);
    // Today 08:30 is inside the hour's notice; 3 December 09:00 is booked, its 09:30 was cancelled.
    expect(starts.filter((s: string) => s.startsWith('2026-12-01'))).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-01T09:30:00.000Z']);
    expect(starts.filter((s: string) => s.startsWith('2026-12-03'))).toEqual(['2026-12-03T08:30:00.000Z', '2026-12-03T09:30:00.000Z']);
    expect(starts).toHaveLength(2 + 6 * 3 - 1);
  });

  test('a department without bookable doctors has no slots', async () => {
    const deps = world().deps;
    const department = await createDepartment(deps);
    await createDoctor(deps, { departmentId: department.id, status: 'blacklisted' });
    expect((await anonymous().get(`/api/departments/${department.id}/slots`)).body).toEqual({ items: [] });
  });

  test('a department that does not exist answers 404 not_found', async () => {
    const res = await anonymous().get('/api/departments/no-such-department/slots');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'That department was not found.' } });
  });

  test.each([
    ['from=2026-12-05&to=2026-12-04', 'to'],
    ['from=2026-02-29', 'from'],
    ['to=soon', 'to'],
  ])('?%s answers 400 naming %s', async (search, field) => {
    const department = await createDepartment(world().deps);
    const res = await anonymous().get(`/api/departments/${department.id}/slots?${search}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });
});
