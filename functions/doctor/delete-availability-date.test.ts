import { beforeEach, describe, expect, test } from 'vitest';
import { replaceDates } from '../../shared/booking/availability-store';
import type { Deps } from '../../shared/runtime/deps';
import { insertAppointment, signedIn } from '../../tests/support/availability';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import deleteAvailabilityDate from './delete-availability-date';

// December in London is GMT: wall-clock times read the same as the UTC instants below.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const NOW = '2026-12-01T08:00:00.000Z'; // Tuesday; the booking window is 1 to 7 December

beforeEach(() => world().clock.set(NOW));

const del = (c: ReturnType<typeof testClient>, date: string) => c.call('DELETE', `/api/doctor/availability/${date}`);

async function written(deps: Deps, doctorId: string) {
  const [dates, windows, audit] = await Promise.all([
    deps.db.selectFrom('doctor_availability_dates').select(['date']).where('doctor_id', '=', doctorId).orderBy('date').execute(),
    deps.db.selectFrom('doctor_availability').select(['date', 'start_time', 'end_time']).where('doctor_id', '=', doctorId).orderBy('date').orderBy('start_time').execute(),
    deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', doctorId).where('action', 'like', 'availability%').execute(),
  ]);
  return { dates, windows, audit };
}

/** A doctor (every day 09–12 and 13–17) who has set 2 December to 18:00–19:00 and 3 December off. */
async function doctorWithDates() {
  const deps = world().deps;
  const doctor = await createDoctor(deps);
  await replaceDates(deps.db, doctor.id, [
    { date: '2026-12-02', windows: [{ start: '18:00', end: '19:00' }] },
    { date: '2026-12-03', windows: [] },
  ], NOW);
  return { deps, doctor, c: await signedIn(deps, [deleteAvailabilityDate], doctor) };
}

describe('DELETE /api/doctor/availability/:date', () => {
  test('the date follows the weekly template again; the answer is the 7 days, as GET gives them', async () => {
    const { deps, doctor, c } = await doctorWithDates();
    const res = await del(c, '2026-12-03');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days[2]).toEqual({ date: '2026-12-03', windows: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], source: 'weekly' });
    expect(res.body.days[1]).toEqual({ date: '2026-12-02', windows: [{ start: '18:00', end: '19:00' }], source: 'date' });
    expect((await written(deps, doctor.id)).dates).toEqual([{ date: '2026-12-02' }]);
  });

  test('a date that was never set explicitly answers the same 7 days, unchanged', async () => {
    const { c } = await doctorWithDates();
    const res = await del(c, '2026-12-06');
    expect(res.status).toBe(200);
    expect(res.body.days[5]).toMatchObject({ date: '2026-12-06', source: 'weekly' });
  });

  test('writes an audit row: the doctor, their role, the date', async () => {
    const { deps, doctor, c } = await doctorWithDates();
    await del(c, '2026-12-02');
    const rows = (await written(deps, doctor.id)).audit;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: doctor.id, actor_role: 'doctor', action: 'availability_clear_date', entity: 'doctor', entity_id: doctor.id, outcome: 'ok', at: NOW });
    expect(rows[0]!.ip).toMatch(/^203\.0\.113\./);
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ date: '2026-12-02' });
  });

  test('when the template would strand a booked appointment: 409 state naming it, and nothing written', async () => {
    const { deps, doctor, c } = await doctorWithDates();
    const patient = await createUser(deps);
    const booked = await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T18:00:00.000Z' });
    const before = await written(deps, doctor.id);
    const res = await del(c, '2026-12-02');
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'state', message: expect.stringContaining(booked), appointmentIds: [booked] });
    expect(await written(deps, doctor.id)).toEqual(before);
  });

  test('a cancelled appointment there is no obstacle', async () => {
    const { deps, doctor, c } = await doctorWithDates();
    await insertAppointment(deps, { doctorId: doctor.id, patientId: (await createUser(deps)).id, start: '2026-12-02T18:00:00.000Z', status: 'cancelled' });
    expect((await del(c, '2026-12-02')).status).toBe(200);
  });

  test.each([
    ['not-a-date', 'must be a date as YYYY-MM-DD'],
    ['2026-02-30', 'must be a date that exists'],
    ['2026-11-30', 'must be inside the booking window (2026-12-01 to 2026-12-07)'],
    ['2026-12-08', 'must be inside the booking window (2026-12-01 to 2026-12-07)'],
  ])('%s answers 400 naming date, and writes nothing', async (date, why) => {
    const { deps, doctor, c } = await doctorWithDates();
    const before = await written(deps, doctor.id);
    const res = await del(c, date);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', fields: { date: why } });
    expect(await written(deps, doctor.id)).toEqual(before);
  });

  test('signed out answers 401; patients and admins 403', async () => {
    const deps = world().deps;
    expect((await del(testClient(deps, [deleteAvailabilityDate]), '2026-12-02')).status).toBe(401);
    for (const role of ['patient', 'admin'] as const) {
      const res = await del(await signedIn(deps, [deleteAvailabilityDate], await createUser(deps, { role })), '2026-12-02');
      expect(res.status, role).toBe(403);
    }
  });

  test("one doctor's delete leaves another doctor's dates alone", async () => {
    const { c } = await doctorWithDates();
    const other = await doctorWithDates();
    await del(c, '2026-12-02');
    expect((await written(other.deps, other.doctor.id)).dates).toEqual([{ date: '2026-12-02' }, { date: '2026-12-03' }]);
  });
});
