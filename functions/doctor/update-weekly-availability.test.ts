import { beforeEach, describe, expect, test } from 'vitest';
import { replaceDates } from '../../shared/booking/availability-store';
import type { Deps } from '../../shared/runtime/deps';
import { insertAppointment, signedIn } from '../../tests/support/availability';
import { createDoctor, EVERY_DAY } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getWeeklyAvailability from './get-weekly-availability';
import updateWeeklyAvailability from './update-weekly-availability';

// December in London is GMT: wall-clock times read the same as the UTC instants below.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
// Tuesday 1 December; the booking window runs to Monday 7 December. Wednesday is 2 December.
const NOW = '2026-12-01T08:00:00.000Z';

beforeEach(() => world().clock.set(NOW));

const functions = [getWeeklyAvailability, updateWeeklyAvailability];
const put = (c: ReturnType<typeof testClient>, json: unknown) => c.call('PUT', '/api/doctor/availability/weekly', { json });
const window = (start: string, end: string) => ({ start, end });
/** Every weekday 09:00–12:00 except Wednesday (3), which is off. */
const NO_WEDNESDAY = { slotMinutes: 30, weekly: [1, 2, 4, 5, 6, 7].map((weekday) => ({ weekday, windows: [window('09:00', '12:00')] })) };

async function written(deps: Deps, doctorId: string) {
  const [weekly, doctor, audit] = await Promise.all([
    deps.db.selectFrom('doctor_weekly_hours').select(['weekday', 'start_time', 'end_time']).where('doctor_id', '=', doctorId).orderBy('weekday').orderBy('start_time').execute(),
    deps.db.selectFrom('doctors').select(['slot_minutes']).where('user_id', '=', doctorId).executeTakeFirstOrThrow(),
    deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', doctorId).where('action', 'like', 'availability%').execute(),
  ]);
  return { weekly, slotMinutes: doctor.slot_minutes, audit };
}

async function doctorAndPatient() {
  const deps = world().deps;
  const doctor = await createDoctor(deps);
  return { deps, doctor, patient: await createUser(deps), c: await signedIn(deps, functions, doctor) };
}

describe('PUT /api/doctor/availability/weekly', () => {
  test('replaces the template and the slot length; answers all 7 weekdays, as GET does', async () => {
    const { deps, doctor, c } = await doctorAndPatient();
    const res = await put(c, {
      slotMinutes: 20,
      weekly: [
        { weekday: 5, windows: [window('14:00', '18:00'), window('08:00', '12:00')] },
        { weekday: 1, windows: [window('09:00', '10:00')] },
        { weekday: 3, windows: [] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      slotMinutes: 20,
      weekly: [
        { weekday: 1, windows: [window('09:00', '10:00')] },
        { weekday: 2, windows: [] },
        { weekday: 3, windows: [] },
        { weekday: 4, windows: [] },
        { weekday: 5, windows: [window('08:00', '12:00'), window('14:00', '18:00')] },
        { weekday: 6, windows: [] },
        { weekday: 7, windows: [] },
      ],
    });
    expect((await c.get('/api/doctor/availability/weekly')).body).toEqual(res.body);
    const after = await written(deps, doctor.id);
    expect(after.slotMinutes).toBe(20);
    expect(after.weekly).toHaveLength(3);
  });

  test('writes an audit row: the doctor, their role, the new slot length', async () => {
    const { deps, doctor, c } = await doctorAndPatient();
    await put(c, NO_WEDNESDAY);
    const { audit } = await written(deps, doctor.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: doctor.id, actor_role: 'doctor', action: 'availability_weekly_update', entity: 'doctor', entity_id: doctor.id, outcome: 'ok', at: NOW });
    expect(audit[0]!.ip).toMatch(/^203\.0\.113\./);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ slotMinutes: 30 });
  });

  test('a template that strands a booked appointment of the booking window answers 409 state naming it, and writes nothing', async () => {
    const { deps, doctor, patient, c } = await doctorAndPatient();
    const wednesday = await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    const afternoon = await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-04T14:00:00.000Z' });
    const before = await written(deps, doctor.id);
    const res = await put(c, { ...NO_WEDNESDAY, slotMinutes: 15 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('state');
    expect(res.body.error.appointmentIds.sort()).toEqual([wednesday, afternoon].sort());
    expect(res.body.error.message).toContain(wednesday);
    expect(await written(deps, doctor.id)).toEqual(before);
  });

  test('dates set explicitly keep their own hours: their appointments are not in the way', async () => {
    const { deps, doctor, patient, c } = await doctorAndPatient();
    await replaceDates(deps.db, doctor.id, [{ date: '2026-12-02', windows: [window('10:00', '11:00')] }], NOW);
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    expect((await put(c, NO_WEDNESDAY)).status).toBe(200);
  });

  test('cancelled and completed appointments, and booked ones outside the booking window, are not in the way', async () => {
    const { deps, doctor, patient, c } = await doctorAndPatient();
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z', status: 'cancelled' });
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:30:00.000Z', status: 'completed' });
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-11-25T10:00:00.000Z' }); // last Wednesday
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-09T10:00:00.000Z' }); // next Wednesday
    expect((await put(c, NO_WEDNESDAY)).status).toBe(200);
  });

  test('a new slot length alone strands nothing: an appointment keeps the length it was booked with', async () => {
    const { deps, doctor, patient, c } = await doctorAndPatient();
    await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T09:30:00.000Z' });
    expect((await put(c, { slotMinutes: 45, weekly: EVERY_DAY })).status).toBe(200);
    expect((await written(deps, doctor.id)).slotMinutes).toBe(45);
  });

  const weekly = (windows = [window('09:00', '12:00')]) => [{ weekday: 1, windows }];
  test.each([
    ['a slot length under 5 minutes', { slotMinutes: 4, weekly: weekly() }, 'slotMinutes'],
    ['a slot length over 240 minutes', { slotMinutes: 241, weekly: weekly() }, 'slotMinutes'],
    ['a slot length in part-minutes', { slotMinutes: 30.5, weekly: weekly() }, 'slotMinutes'],
    ['a slot length as text', { slotMinutes: '30', weekly: weekly() }, 'slotMinutes'],
    ['no slot length', { weekly: weekly() }, 'slotMinutes'],
    ['no weekly list', { slotMinutes: 30 }, 'weekly'],
    ['weekday 0', { slotMinutes: 30, weekly: [{ weekday: 0, windows: [] }] }, 'weekly.0.weekday'],
    ['weekday 8', { slotMinutes: 30, weekly: [{ weekday: 8, windows: [] }] }, 'weekly.0.weekday'],
    ['a weekday twice', { slotMinutes: 30, weekly: [...weekly(), { weekday: 2, windows: [] }, { weekday: 1, windows: [] }] }, 'weekly.2.weekday'],
    ['8 weekdays', { slotMinutes: 30, weekly: Array.from({ length: 8 }, (_, i) => ({ weekday: (i % 7) + 1, windows: [] })) }, 'weekly'],
    ['overlapping windows', { slotMinutes: 30, weekly: weekly([window('08:00', '09:30'), window('09:00', '12:00')]) }, 'weekly.0.windows.1'],
    ['a window ending before it starts', { slotMinutes: 30, weekly: weekly([window('12:00', '09:00')]) }, 'weekly.0.windows.0'],
    ['a time that is not HH:MM', { slotMinutes: 30, weekly: weekly([window('09:00', '12.00')]) }, 'weekly.0.windows.0.end'],
    ['13 windows a day', { slotMinutes: 30, weekly: weekly(Array.from({ length: 13 }, (_, i) => window(`${String(i + 8).padStart(2, '0')}:00`, `${String(i + 8).padStart(2, '0')}:30`))) }, 'weekly.0.windows'],
  ])('%s answers 400 naming the field, and writes nothing', async (_what, json, field) => {
    const { deps, doctor, c } = await doctorAndPatient();
    const before = await written(deps, doctor.id);
    const res = await put(c, json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields).toHaveProperty([field]);
    expect(await written(deps, doctor.id)).toEqual(before);
  });

  test('signed out answers 401; patients and admins 403', async () => {
    const deps = world().deps;
    expect((await put(testClient(deps, functions), NO_WEDNESDAY)).status).toBe(401);
    for (const role of ['patient', 'admin'] as const) {
      const res = await put(await signedIn(deps, functions, await createUser(deps, { role })), NO_WEDNESDAY);
      expect(res.status, role).toBe(403);
    }
  });

  test("one doctor's template leaves another doctor's alone", async () => {
    const { c } = await doctorAndPatient();
    const other = await createDoctor(world().deps);
    await put(c, NO_WEDNESDAY);
    expect((await written(world().deps, other.id)).weekly).toHaveLength(14);
  });
});
