import { beforeEach, describe, expect, test } from 'vitest';
import { at } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import list from './list-appointments';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'America/New_York' });
const deps = () => world().deps;
const PATH = '/api/doctor/appointments';
const ids = (body: { items: { id: string }[] }) => body.items.map((x) => x.id);

beforeEach(() => world().clock.set('2026-12-01T15:00:00.000Z'));

async function fixture() {
  const { c, doctor } = await doctorClient(deps(), [list]);
  const ada = await createPatient(deps(), { name: 'Ada Lovelace' });
  const other = await createDoctor(deps());
  const a = async (date: string, clock: string, status: 'booked' | 'completed' | 'cancelled' = 'booked', doctorId = doctor.id) =>
    (await createAppointment(deps(), { patientId: ada.id, doctorId, start: at(deps(), date, clock), status })).id;
  const late = await a('2026-12-03', '21:00'); // 02:00 UTC on 4 December, still the 3rd in New York
  const early = await a('2026-12-02', '09:00', 'completed');
  const mid = await a('2026-12-03', '08:00', 'cancelled');
  const next = await a('2026-12-04', '00:00');
  await a('2026-12-03', '10:00', 'booked', other.id);
  return { c, ada, early, mid, late, next };
}

describe('GET /api/doctor/appointments', () => {
  test('all of my appointments, soonest first, with the total; none of another doctor', async () => {
    const { c, ada, early, mid, late, next } = await fixture();
    const res = await c.get(PATH);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(ids(res.body)).toEqual([early, mid, late, next]);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ patientId: ada.id, patientName: 'Ada Lovelace', status: 'completed' }));
  });

  test("from and to are the hospital's calendar dates, both included", async () => {
    const { c, mid, late, next } = await fixture();
    const res = await c.get(`${PATH}?from=2026-12-03&to=2026-12-03`);
    expect([ids(res.body), res.body.total]).toEqual([[mid, late], 2]);
    expect(ids((await c.get(`${PATH}?from=2026-12-03`)).body)).toEqual([mid, late, next]);
    expect((await c.get(`${PATH}?to=2026-12-02`)).body.total).toBe(1);
  });

  test('status narrows the list, and pages split it with the same total', async () => {
    const { c, late, next, early } = await fixture();
    expect(ids((await c.get(`${PATH}?status=booked`)).body)).toEqual([late, next]);
    expect(ids((await c.get(`${PATH}?status=completed`)).body)).toEqual([early]);
    const page2 = await c.get(`${PATH}?page=2&pageSize=3`);
    expect([ids(page2.body), page2.body.total]).toEqual([[next], 4]);
  });

  test('to before from is 400 naming to; other bad input names its field', async () => {
    const { c } = await doctorClient(deps(), [list]);
    const backwards = await c.get(`${PATH}?from=2026-12-05&to=2026-12-04`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('invalid_input');
    expect(Object.keys(backwards.body.error.fields)).toEqual(['to']);
    for (const [qs, field] of [
      ['from=2026-02-30', 'from'],
      ['to=tomorrow', 'to'],
      ['status=lost', 'status'],
      ['page=0', 'page'],
      ['pageSize=500', 'pageSize'],
    ]) {
      const res = await c.get(`${PATH}?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(Object.keys(res.body.error.fields), qs).toEqual([field]);
    }
  });

  test('signed out gets 401; a patient and an admin get 403', async () => {
    await expectRefusedToOthers(deps(), [list], (c) => c.get(PATH), expect);
  });
});
