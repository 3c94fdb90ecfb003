import { beforeEach, describe, expect, test } from 'vitest';
import { replaceDates } from '../../shared/booking/availability-store';
import type { Deps } from '../../shared/runtime/deps';
import { insertAppointment, signedIn } from '../../tests/support/availability';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getAvailability from './get-availability';
import updateAvailability from './update-availability';

// December in London is GMT: wall-clock times read the same as the UTC instants below.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const NOW = '2026-12-01T08:00:00.000Z'; // Tuesday; the booking window is 1 to 7 December

beforeEach(() => world().clock.set(NOW));

const functions = [getAvailability, updateAvailability];
const put = (c: ReturnType<typeof testClient>, json: unknown) => c.call('PUT', '/api/doctor/availability', { json });

/** Everything a change of this doctor's availability could write. */
async function written(deps: Deps, doctorId: string) {
  const [dates, windows, audit] = await Promise.all([
    deps.db.selectFrom('doctor_availability_dates').select(['date']).where('doctor_id', '=', doctorId).orderBy('date').execute(),
    deps.db.selectFrom('doctor_availability').select(['date', 'start_time', 'end_time']).where('doctor_id', '=', doctorId).orderBy('date').orderBy('start_time').execute(),
    deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', doctorId).where('action', 'like', 'availability%').execute(),
  ]);
  return { dates, windows, audit };
}

async function doctorWithPatient() {
  const deps = world().deps;
  const doctor = await createDoctor(deps);
  const patient = await createUser(deps);
  return { deps, doctor, patient, c: await signedIn(deps, functions, doctor) };
}

describe('PUT /api/doctor/availability', () => {
  test('sets dates explicitly (no windows is a day off) and answers the 7 days, as GET does', async () => {
    const { deps, doctor, c } = await doctorWithPatient();
    const res = await put(c, {
      days: [
        { date: '2026-12-03', windows: [{ start: '14:00', end: '16:00' }, { start: '07:30', end: '09:00' }] },
        { date: '2026-12-05', windows: [] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days[2]).toEqual({ date: '2026-12-03', windows: [{ start: '07:30', end: '09:00' }, { start: '14:00', end: '16:00' }], source: 'date' });
    expect(res.body.days[4]).toEqual({ date: '2026-12-05', windows: [], source: 'date' });
    expect(res.body.days[3]).toEqual({ date: '2026-12-04', windows: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], source: 'weekly' });
    expect((await c.get('/api/doctor/availability')).body).toEqual(res.body);
    const after = await written(deps, doctor.id);
    expect(after.dates.map((d) => d.date)).toEqual(['2026-12-03', '2026-12-05']);
    expect(after.windows).toHaveLength(2);
  });

  test('setting a date again replaces what it held; the window may end at 24:00', async () => {
    const { deps, doctor, c } = await doctorWithPatient();
    await put(c, { days: [{ date: '2026-12-02', windows: [{ start: '10:00', end: '11:00' }, { start: '12:00', end: '13:00' }] }] });
    const res = await put(c, { days: [{ date: '2026-12-02', windows: [{ start: '20:00', end: '24:00' }] }] });
    expect(res.body.days[1]).toEqual({ date: '2026-12-02', windows: [{ start: '20:00', end: '24:00' }], source: 'date' });
    expect((await written(deps, doctor.id)).windows).toEqual([{ date: '2026-12-02', start_time: '20:00', end_time: '24:00' }]);
  });

  test('writes an audit row: the doctor, their role, what changed, where from', async () => {
    const { deps, doctor, c } = await doctorWithPatient();
    await c.call('PUT', '/api/doctor/availability', { json: { days: [{ date: '2026-12-04', windows: [] }] }, headers: { 'user-agent': 'WardTablet/2.1' } });
    const [row] = (await written(deps, doctor.id)).audit;
    expect(row).toMatchObject({
      actor_id: doctor.id,
      actor_role: 'doctor',
      action: 'availability_update',
      entity: 'doctor',
      entity_id: doctor.id,
      outcome: 'ok',
      ip: expect.stringMatching(/^203\.0\.113\./),
      user_agent: 'WardTablet/2.1',
      at: NOW,
    });
    expect(JSON.parse(row!.detail!)).toEqual({ dates: ['2026-12-04'] });
  });

  test('a change that strands a booked appointment answers 409 state naming it, and writes nothing', async () => {
    const { deps, doctor, patient, c } = await doctorWithPatient();
    const booked = await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    const other = await insertAppointment(deps, { doctorId: doctor.id, patientId: (await createUser(deps)).id, start: '2026-12-03T16:30:00.000Z' });
    const before = await written(deps, doctor.id);
    const res = await put(c, {
      days: [
        { date: '2026-12-02', windows: [{ start: '10:15', end: '12:00' }] },
        { date: '2026-12-03', windows: [] },
        { date: '2026-12-04', windows: [] },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('state');
    expect(res.body.error.appointmentIds.sort()).toEqual([booked, other].sort());
    expect(res.body.error.message).toContain(booked);
    expect(res.body.error.message).toContain(other);
    expect(await written(deps, doctor.id)).toEqual(before);
  });

  test('a booked appointment that still fits a window is no obstacle', async () => {
    const { deps, doctor, patient, c } = await doctorWithPatient();
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    const res = await put(c, { days: [{ date: '2026-12-02', windows: [{ start: '10:00', end: '10:30' }] }] });
    expect(res.status).toBe(200);
  });

  test('stranding only cancelled or completed appointments is fine', async () => {
    const { deps, doctor, patient, c } = await doctorWithPatient();
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z', status: 'cancelled' });
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-01T09:00:00.000Z', status: 'completed' });
    const res = await put(c, { days: [{ date: '2026-12-01', windows: [] }, { date: '2026-12-02', windows: [] }] });
    expect(res.status).toBe(200);
    expect((await written(deps, doctor.id)).dates.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02']);
  });

  test("another doctor's booked appointment is no obstacle, and another doctor's dates are untouched", async () => {
    const { deps, doctor, c } = await doctorWithPatient();
    const other = await createDoctor(deps);
    await insertAppointment(deps, { doctorId: other.id, patientId: (await createUser(deps)).id, start: '2026-12-02T10:00:00.000Z' });
    await replaceDates(deps.db, other.id, [{ date: '2026-12-02', windows: [{ start: '10:00', end: '11:00' }] }], NOW);
    expect((await put(c, { days: [{ date: '2026-12-02', windows: [] }] })).status).toBe(200);
    expect((await written(deps, other.id)).windows).toEqual([{ date: '2026-12-02', start_time: '10:00', end_time: '11:00' }]);
    expect((await written(deps, doctor.id)).dates).toEqual([{ date: '2026-12-02' }]);
  });

  const day = (date: string, windows = [{ start: '09:00', end: '10:00' }]) => ({ date, windows });
  test.each([
    ['a date before the window', { days: [day('2026-11-30')] }, 'days.0.date'],
    ['a date after the window', { days: [day('2026-12-02'), day('2026-12-08')] }, 'days.1.date'],
    ['a date that does not exist', { days: [day('2026-02-30')] }, 'days.0.date'],
    ['a date as text', { days: [day('next monday')] }, 'days.0.date'],
    ['the same date twice', { days: [day('2026-12-02'), day('2026-12-02', [])] }, 'days.1.date'],
    ['a window ending before it starts', { days: [day('2026-12-02', [{ start: '11:00', end: '10:00' }])] }, 'days.0.windows.0'],
    ['an empty window', { days: [day('2026-12-02', [{ start: '11:00', end: '11:00' }])] }, 'days.0.windows.0'],
    ['overlapping windows', { days: [day('2026-12-03', []), day('2026-12-02', [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }])] }, 'days.1.windows.1'],
    ['a time that is not HH:MM', { days: [day('2026-12-02', [{ start: '9:00', end: '10:00' }])] }, 'days.0.windows.0.start'],
    ['24:00 as a start', { days: [day('2026-12-02', [{ start: '24:00', end: '24:00' }])] }, 'days.0.windows.0.start'],
    ['25:00 as an end', { days: [day('2026-12-02', [{ start: '09:00', end: '25:00' }])] }, 'days.0.windows.0.end'],
    ['13 windows in a day', { days: [day('2026-12-02', Array.from({ length: 13 }, (_, i) => ({ start: `${String(i + 8).padStart(2, '0')}:00`, end: `${String(i + 8).padStart(2, '0')}:30` })))] }, 'days.0.windows'],
    ['8 days', { days: Array.from({ length: 8 }, () => day('2026-12-02')) }, 'days'],
    ['no days', { days: [] }, 'days'],
    ['no days at all', {}, 'days'],
    ['windows missing', { days: [{ date: '2026-12-02' }] }, 'days.0.windows'],
  ])('%s answers 400 naming the field, and writes nothing', async (_what, json, field) => {
    const { deps, doctor, c } = await doctorWithPatient();
    const res = await put(c, json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields).toHaveProperty([field]);
    expect(await written(deps, doctor.id)).toEqual({ dates: [], windows: [], audit: [] });
  });

  test('signed out answers 401; patients and admins 403; nothing is written', async () => {
    const deps = world().deps;
    const json = { days: [{ date: '2026-12-02', windows: [] }] };
    const count = async () => (await deps.db.selectFrom('doctor_availability_dates').select('date').execute()).length;
    const before = await count();
    expect((await put(testClient(deps, functions), json)).status).toBe(401);
    for (const role of ['patient', 'admin'] as const) {
      const user = await createUser(deps, { role });
      const res = await put(await signedIn(deps, functions, user), json);
      expect(res.status, role).toBe(403);
      expect((await written(deps, user.id)).dates).toEqual([]);
    }
    expect(await count()).toBe(before);
  });
});
