import { beforeEach, describe, expect, test } from 'vitest';
import { createDoctor } from '../../tests/support/doctors';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import list from './list-patients';

const world = useTestWorld();
const deps = () => world().deps;
const PATH = '/api/doctor/patients';
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => world().clock.set(NOW));

async function fixture() {
  const { c, doctor } = await doctorClient(deps(), [list]);
  const other = await createDoctor(deps());
  const zed = await createPatient(deps(), { name: 'Zed Marlowe' });
  const ada = await createPatient(deps(), { name: 'Ada Lovelace' });
  const percent = await createPatient(deps(), { name: 'Odd 100% Name' });
  const cancelledOnly = await createPatient(deps(), { name: 'Cancelled Carla' });
  const othersOnly = await createPatient(deps(), { name: 'Other Olga' });
  await deps().db.updateTable('patients').set({ phone: '+44 20 7946 0000', date_of_birth: '1990-05-04', gender: 'female' }).where('user_id', '=', ada.id).execute();
  const a = (patientId: string, start: string, status: 'booked' | 'completed' | 'cancelled' = 'booked', doctorId = doctor.id) =>
    createAppointment(deps(), { patientId, doctorId, start, status });
  await a(ada.id, '2026-11-10T09:00:00.000Z', 'completed');
  await a(ada.id, '2026-11-20T09:00:00.000Z', 'completed');
  await a(ada.id, '2026-11-30T09:00:00.000Z', 'booked'); // past, never completed: neither last nor next
  await a(ada.id, '2026-12-03T09:00:00.000Z', 'booked');
  await a(ada.id, '2026-12-02T09:00:00.000Z', 'cancelled');
  await a(ada.id, '2026-12-05T09:00:00.000Z', 'booked');
  await a(ada.id, '2026-12-01T10:00:00.000Z', 'booked', other.id); // another doctor's: not our next visit
  await a(zed.id, '2026-12-04T09:00:00.000Z');
  await a(percent.id, '2026-11-01T09:00:00.000Z', 'completed');
  await a(cancelledOnly.id, '2026-12-04T10:00:00.000Z', 'cancelled');
  await a(othersOnly.id, '2026-12-04T10:00:00.000Z', 'booked', other.id);
  return { c, doctor, ada, zed, percent };
}

describe('GET /api/doctor/patients', () => {
  test('my patients by name, with their last and next visits with me; none only cancelled, none of other doctors', async () => {
    const { c, doctor, ada, zed, percent } = await fixture();
    const res = await c.get(PATH);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items).toEqual([
      {
        id: ada.id,
        name: 'Ada Lovelace',
        email: ada.email,
        phone: '+44 20 7946 0000',
        dateOfBirth: '1990-05-04',
        gender: 'female',
        lastVisit: '2026-11-20T09:00:00.000Z',
        nextVisit: '2026-12-03T09:00:00.000Z',
      },
      expect.objectContaining({ id: percent.id, lastVisit: '2026-11-01T09:00:00.000Z', nextVisit: null, phone: null, gender: null }),
      expect.objectContaining({ id: zed.id, name: 'Zed Marlowe', lastVisit: null, nextVisit: '2026-12-04T09:00:00.000Z' }),
    ]);
    const audit = await deps().db.selectFrom('audit_log').selectAll().where('actor_id', '=', doctor.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'doctor_patients_list', actor_role: 'doctor', entity: 'patient', outcome: 'ok', patient_id: null })]);
  });

  test('q matches a part of the name, ignoring case; % and _ are taken literally', async () => {
    const { c, ada, percent } = await fixture();
    const found = await c.get(`${PATH}?q=LOVE`);
    expect([found.body.items.map((p: { id: string }) => p.id), found.body.total]).toEqual([[ada.id], 1]);
    expect((await c.get(`${PATH}?q=${encodeURIComponent('0%')}`)).body.items.map((p: { id: string }) => p.id)).toEqual([percent.id]);
    expect((await c.get(`${PATH}?q=${encodeURIComponent('%')}`)).body.total).toBe(1);
    expect((await c.get(`${PATH}?q=_`)).body.total).toBe(0);
    expect((await c.get(`${PATH}?q=Olga`)).body.total).toBe(0);
  });

  test('pages split the list with the same total', async () => {
    const { c, zed } = await fixture();
    const res = await c.get(`${PATH}?page=2&pageSize=2`);
    expect([res.body.items.map((p: { id: string }) => p.id), res.body.total]).toEqual([[zed.id], 3]);
  });

  test('bad input is 400 naming the field; nothing is read or audited', async () => {
    const { c, doctor } = await doctorClient(deps(), [list]);
    for (const [qs, field] of [
      ['q=', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=%07', 'q'],
      ['page=x', 'page'],
      ['pageSize=0', 'pageSize'],
    ]) {
      const res = await c.get(`${PATH}?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(Object.keys(res.body.error.fields), qs).toEqual([field]);
    }
    expect(await deps().db.selectFrom('audit_log').selectAll().where('actor_id', '=', doctor.id).execute()).toEqual([]);
  });

  test('signed out gets 401; a patient and an admin get 403', async () => {
    await expectRefusedToOthers(deps(), [list], (c) => c.get(PATH), expect);
  });
});
