import { beforeEach, describe, expect, test } from 'vitest';
import { at } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import dashboard from './get-dashboard';

// A zone 5h30 ahead of UTC, and a clock ten minutes before its midnight: UTC's date is not the hospital's.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Asia/Kolkata' });
const deps = () => world().deps;
const PATH = '/api/doctor/dashboard';

/** 23:50 on Tuesday 1 December 2026 in Kolkata (18:20 UTC). */
const NOW = '2026-12-01T18:20:00.000Z';
beforeEach(() => world().clock.set(NOW));

describe('GET /api/doctor/dashboard', () => {
  test("today and the week follow the hospital's calendar, not UTC's; every status is listed, by start", async () => {
    const { c, doctor } = await doctorClient(deps(), [dashboard]);
    const ada = await createPatient(deps(), { name: 'Ada Lovelace' });
    const ben = await createPatient(deps(), { name: 'Ben Jonson' });
    const cal = await createPatient(deps(), { name: 'Cal Only-Cancelled' });
    const other = await createDoctor(deps());
    const k = (date: string, clock: string) => at(deps(), date, clock);
    const a = async (patientId: string, start: string, status: 'booked' | 'completed' | 'cancelled' = 'booked', doctorId = doctor.id) =>
      (await createAppointment(deps(), { patientId, doctorId, start, status })).id;

    const yesterdayLate = await a(ada.id, k('2026-11-30', '23:30'), 'completed'); // 18:00 UTC on 30 Nov
    const morning = await a(ada.id, k('2026-12-01', '09:00'), 'cancelled');
    const early = await a(cal.id, k('2026-12-01', '10:00'), 'cancelled');
    const lateToday = await a(ben.id, k('2026-12-01', '23:30'), 'completed'); // 18:00 UTC: before now, today
    const afterMidnight = await a(ada.id, k('2026-12-02', '00:30')); // 19:00 UTC on 1 Dec, yet tomorrow here
    const lastOfWeek = await a(ben.id, k('2026-12-07', '23:30'));
    const pastWeek = await a(ada.id, k('2026-12-08', '00:00'));
    await a(ada.id, k('2026-12-01', '11:00'), 'booked', other.id);

    const res = await c.get(PATH);
    expect(res.status).toBe(200);
    expect(res.body.today.map((x: { id: string }) => x.id)).toEqual([morning, early, lateToday]);
    expect(res.body.week.map((x: { id: string }) => x.id)).toEqual([morning, early, lateToday, afterMidnight, lastOfWeek]);
    expect(res.body.week).not.toContainEqual(expect.objectContaining({ id: yesterdayLate }));
    expect(res.body.week).not.toContainEqual(expect.objectContaining({ id: pastWeek }));
    expect(res.body.today[2]).toEqual({
      id: lateToday,
      patientId: ben.id,
      patientName: 'Ben Jonson',
      start: '2026-12-01T18:00:00.000Z',
      end: '2026-12-01T18:30:00.000Z',
      status: 'completed',
      reason: null,
      cancelReason: null,
      treatmentId: null,
    });
    // Ada and Ben (booked or completed); Cal only ever cancelled; the other doctor's patient is not counted.
    expect(res.body.patientCount).toBe(2);
  });

  test('ten minutes later, past midnight, the new day is today', async () => {
    const { c, doctor } = await doctorClient(deps(), [dashboard]);
    const ada = await createPatient(deps());
    const tomorrow = (await createAppointment(deps(), { patientId: ada.id, doctorId: doctor.id, start: at(deps(), '2026-12-02', '00:30') })).id;
    world().clock.set('2026-12-01T18:30:00.000Z'); // 00:00 on 2 December in Kolkata
    const res = await c.get(PATH);
    expect(res.body.today.map((x: { id: string }) => x.id)).toEqual([tomorrow]);
  });

  test('a new doctor sees empty lists and no patients', async () => {
    const { c } = await doctorClient(deps(), [dashboard]);
    expect((await c.get(PATH)).body).toEqual({ today: [], week: [], patientCount: 0 });
  });

  test('signed out gets 401; a patient and an admin get 403', async () => {
    await expectRefusedToOthers(deps(), [dashboard], (c) => c.get(PATH), expect);
  });
});
