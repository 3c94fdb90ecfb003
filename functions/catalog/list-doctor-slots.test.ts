import { beforeEach, describe, expect, test } from 'vitest';
import { replaceDates } from '../../shared/booking/availability-store';
import { insertAppointment } from '../../tests/support/availability';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listDoctorSlots from './list-doctor-slots';

// December in London is GMT: wall-clock times read the same as the UTC instants below.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const NOW = '2026-12-01T08:00:00.000Z'; // a Tuesday; the booking window is 1 to 7 December

beforeEach(() => world().clock.set(NOW));

const anonymous = () => testClient(world().deps, [listDoctorSlots]);
const startsOf = (body: { items: { start: string }[] }) => body.items.map((s) => s.start);
const onDate = (body: { items: { start: string }[] }, date: string) => startsOf(body).filter((s) => s.startsWith(date));

describe('GET /api/doctors/:id/slots', () => {
  test('anyone sees every free slot of the 7-day booking window, in order', async () => {
    const doctor = await createDoctor(world().deps);
    const res = await anonymous().get(`/api/doctors/${doctor.id}/slots`);
    expect(res.status).toBe(200);
    // 09:00–12:00 and 13:00–17:00 in 30 minutes: 6 + 8 a day.
    expect(res.body.items).toHaveLength(7 * 14);
    expect(res.body.items[0]).toEqual({ start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T09:30:00.000Z' });
    expect(res.body.items.at(-1)).toEqual({ start: '2026-12-07T16:30:00.000Z', end: '2026-12-07T17:00:00.000Z' });
    expect(startsOf(res.body)).toEqual([...startsOf(res.body)].sort());
    expect(onDate(res.body, '2026-12-08')).toEqual([]);
    expect(onDate(res.body, '2026-12-02').slice(5, 8)).toEqual(['2026-12-02T11:30:00.000Z', '2026-12-02T13:00:00.000Z', '2026-12-02T13:30:00.000Z']);
  });

  test("slots follow the doctor's slot length", async () => {
    const doctor = await createDoctor(world().deps, { slotMinutes: 45, weekly: [2, 3].map((weekday) => ({ weekday, windows: [{ start: '09:00', end: '11:00' }] })) });
    const res = await anonymous().get(`/api/doctors/${doctor.id}/slots?from=2026-12-02&to=2026-12-02`);
    // 2 hours hold two whole 45-minute slots; the last 30 minutes are left unused.
    expect(res.body.items).toEqual([
      { start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:45:00.000Z' },
      { start: '2026-12-02T09:45:00.000Z', end: '2026-12-02T10:30:00.000Z' },
    ]);
  });

  test('a slot starting sooner than the minimum notice (60 minutes) is not offered', async () => {
    const doctor = await createDoctor(world().deps);
    world().clock.set('2026-12-01T08:00:00.001Z');
    expect(onDate((await anonymous().get(`/api/doctors/${doctor.id}/slots?to=2026-12-01`)).body, '2026-12-01')[0]).toBe('2026-12-01T09:30:00.000Z');
    world().clock.set('2026-12-01T11:15:00.000Z');
    expect(onDate((await anonymous().get(`/api/doctors/${doctor.id}/slots?to=2026-12-01`)).body, '2026-12-01')[0]).toBe('2026-12-01T13:00:00.000Z');
    world().clock.set('2026-12-01T16:00:00.000Z');
    expect((await anonymous().get(`/api/doctors/${doctor.id}/slots?to=2026-12-01`)).body.items).toEqual([]);
  });

  test('the window moves with the clock: just after midnight a new day comes in and today is gone', async () => {
    const doctor = await createDoctor(world().deps);
    world().clock.set('2026-12-02T00:00:00.000Z');
    const res = await anonymous().get(`/api/doctors/${doctor.id}/slots`);
    expect(startsOf(res.body)[0]).toBe('2026-12-02T09:00:00.000Z');
    expect(startsOf(res.body).at(-1)).toBe('2026-12-08T16:30:00.000Z');
    expect(onDate(res.body, '2026-12-01')).toEqual([]);
  });

  test('the window is dates in the hospital zone: at 23:30 UTC in summer London it is already tomorrow', async () => {
    const doctor = await createDoctor(world().deps);
    world().clock.set('2026-06-30T23:30:00.000Z'); // 00:30 BST on 1 July
    const res = await anonymous().get(`/api/doctors/${doctor.id}/slots`);
    expect(startsOf(res.body)[0]).toBe('2026-07-01T08:00:00.000Z'); // 09:00 BST
    expect(startsOf(res.body).at(-1)).toBe('2026-07-07T15:30:00.000Z');
  });

  test('a booked appointment takes its slot; a cancelled one gives it back; a completed one holds it', async () => {
    const deps = world().deps;
    const doctor = await createDoctor(deps);
    const patient = await createUser(deps);
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:30:00.000Z', status: 'cancelled' });
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T11:00:00.000Z', status: 'completed' });
    const day = onDate((await anonymous().get(`/api/doctors/${doctor.id}/slots?from=2026-12-02&to=2026-12-02`)).body, '2026-12-02');
    expect(day).not.toContain('2026-12-02T10:00:00.000Z');
    expect(day).toContain('2026-12-02T10:30:00.000Z');
    expect(day).not.toContain('2026-12-02T11:00:00.000Z');
    expect(day).toHaveLength(12);
  });

  test("another doctor's appointment takes nothing from this doctor", async () => {
    const deps = world().deps;
    const [doctor, other] = [await createDoctor(deps), await createDoctor(deps)];
    await insertAppointment(deps, { doctorId: other.id, patientId: (await createUser(deps)).id, start: '2026-12-02T10:00:00.000Z' });
    expect(onDate((await anonymous().get(`/api/doctors/${doctor.id}/slots?from=2026-12-02&to=2026-12-02`)).body, '2026-12-02')).toContain('2026-12-02T10:00:00.000Z');
  });

  test('a day set off explicitly has no slots; a date set with other hours has those', async () => {
    const deps = world().deps;
    const doctor = await createDoctor(deps);
    await replaceDates(deps.db, doctor.id, [
      { date: '2026-12-03', windows: [] },
      { date: '2026-12-04', windows: [{ start: '18:00', end: '19:00' }] },
    ], NOW);
    const res = await anonymous().get(`/api/doctors/${doctor.id}/slots`);
    expect(onDate(res.body, '2026-12-03')).toEqual([]);
    expect(onDate(res.body, '2026-12-04')).toEqual(['2026-12-04T18:00:00.000Z', '2026-12-04T18:30:00.000Z']);
    expect(onDate(res.body, '2026-12-05')).toHaveLength(14);
  });

  test('from and to choose dates, both included, clipped to the booking window', async () => {
    const doctor = await createDoctor(world().deps);
    const get = async (search: string) => startsOf((await anonymous().get(`/api/doctors/${doctor.id}/slots?${search}`)).body);
    const datesOf = (starts: string[]) => [...new Set(starts.map((s) => s.slice(0, 10)))];
    expect(datesOf(await get('from=2026-12-03&to=2026-12-04'))).toEqual(['2026-12-03', '2026-12-04']);
    expect(datesOf(await get('from=2026-12-06'))).toEqual(['2026-12-06', '2026-12-07']);
    expect(datesOf(await get('to=2026-12-01'))).toEqual(['2026-12-01']);
    expect(datesOf(await get('from=2026-11-01&to=2026-12-02'))).toEqual(['2026-12-01', '2026-12-02']);
    expect(datesOf(await get('from=2026-12-07&to=2027-01-31'))).toEqual(['2026-12-07']);
    expect(await get('from=2026-12-08&to=2026-12-20')).toEqual([]);
    expect(await get('from=2026-11-01&to=2026-11-30')).toEqual([]);
  });

  test.each([
    ['from=2026-12-05&to=2026-12-04', 'to'],
    ['from=2026-02-30', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=tomorrow', 'from'],
    ['from=2026-12-1', 'from'],
  ])('?%s answers 400 naming %s', async (search, field) => {
    const doctor = await createDoctor(world().deps);
    const res = await anonymous().get(`/api/doctors/${doctor.id}/slots?${search}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });

  test('a missing id, a blacklisted doctor and a removed doctor answer the same 404', async () => {
    const deps = world().deps;
    const blacklisted = await createDoctor(deps, { status: 'blacklisted' });
    const removed = await createDoctor(deps, { deleted: true });
    const bodies = [];
    for (const id of ['no-such-doctor', blacklisted.id, removed.id]) {
      const res = await anonymous().get(`/api/doctors/${id}/slots`);
      expect(res.status).toBe(404);
      bodies.push(res.body);
    }
    expect(bodies).toEqual(Array(3).fill({ error: { code: 'not_found', message: 'That doctor was not found.' } }));
  });
});
