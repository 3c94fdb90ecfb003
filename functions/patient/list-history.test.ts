import { beforeAll, describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, createAppointment, createTreatment, signedIn } from '../../tests/support/patient-records';
import listHistory from './list-history';

// Auckland is 13 hours ahead in December: a visit at 20:00 UTC is on the next calendar day there.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Pacific/Auckland' });

let patient: Awaited<ReturnType<typeof signedIn>>;
const visits: Record<string, string> = {};

beforeAll(async () => {
  const deps = world().deps;
  const cardiology = await createDepartment(deps, { name: 'Cardiology' });
  const dermatology = await createDepartment(deps, { name: 'Dermatology' });
  const patel = await createDoctor(deps, { departmentId: cardiology.id, name: 'Dr Mina Patel' });
  const novak = await createDoctor(deps, { departmentId: dermatology.id, name: 'Dr Ivan Novak' });
  patient = await signedIn(deps, [listHistory]);
  const other = await signedIn(deps, []);

  const visit = async (key: string, patientId: string, doctorId: string, start: string, treatment: { diagnosis: string; prescription?: string; notes?: string; nextVisit?: string }) => {
    const appointment = await createAppointment(deps, { patientId, doctorId, start, status: 'completed' });
    await createTreatment(deps, { appointmentId: appointment.id, doctorId, patientId, ...treatment });
    visits[key] = appointment.id;
  };
  await visit('march', patient.user.id, patel.id, '2026-03-10T20:00:00.000Z', { diagnosis: 'Hypertension', prescription: 'Amlodipine 5 mg', notes: 'Home readings', nextVisit: '2026-06-10' });
  await visit('may', patient.user.id, novak.id, '2026-05-02T01:00:00.000Z', { diagnosis: 'Eczema' });
  await visit('november', patient.user.id, patel.id, '2026-11-20T21:30:00.000Z', { diagnosis: 'Hypertension, controlled' });
  // Someone else's treatment, by the same doctor: never in this patient's history.
  await visit('theirs', other.user.id, patel.id, '2026-11-21T09:00:00.000Z', { diagnosis: 'Not yours' });
  // A booked and a cancelled appointment have no treatment and no place in the history.
  await createAppointment(deps, { patientId: patient.user.id, doctorId: novak.id, start: '2026-12-03T09:00:00.000Z' });
  await createAppointment(deps, { patientId: patient.user.id, doctorId: novak.id, start: '2026-11-25T09:00:00.000Z', status: 'cancelled' });
});

describe('GET /api/patient/history', () => {
  test("the patient's own treatments, most recent visit first, dated in the hospital's zone", async () => {
    const res = await patient.c.get('/api/patient/history');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 3,
      items: [
        { appointmentId: visits.november, date: '2026-11-21', doctorName: 'Dr Mina Patel', departmentName: 'Cardiology', diagnosis: 'Hypertension, controlled', prescription: null, notes: null, nextVisit: null },
        { appointmentId: visits.may, date: '2026-05-02', doctorName: 'Dr Ivan Novak', departmentName: 'Dermatology', diagnosis: 'Eczema', prescription: null, notes: null, nextVisit: null },
        { appointmentId: visits.march, date: '2026-03-11', doctorName: 'Dr Mina Patel', departmentName: 'Cardiology', diagnosis: 'Hypertension', prescription: 'Amlodipine 5 mg', notes: 'Home readings', nextVisit: '2026-06-10' },
      ],
    });
    expect(res.text).not.toContain('Not yours');
  });

  test('pages cut the same order; the total counts every page', async () => {
    const one = await patient.c.get('/api/patient/history?pageSize=2');
    const two = await patient.c.get('/api/patient/history?pageSize=2&page=2');
    expect(one.body.items.map((i: { appointmentId: string }) => i.appointmentId)).toEqual([visits.november, visits.may]);
    expect(two.body.items.map((i: { appointmentId: string }) => i.appointmentId)).toEqual([visits.march]);
    expect([one.body.total, two.body.total]).toEqual([3, 3]);
    expect((await patient.c.get('/api/patient/history?page=3&pageSize=2')).body).toEqual({ items: [], total: 3 });
  });

  test('a patient with no treatments has an empty history', async () => {
    const { c } = await signedIn(world().deps, [listHistory]);
    expect((await c.get('/api/patient/history')).body).toEqual({ items: [], total: 0 });
  });

  test('a bad page or pageSize is 400 naming it, and no audit row is written', async () => {
    const { c, user } = await signedIn(world().deps, [listHistory]);
    for (const [q, field] of [['page=0', 'page'], ['pageSize=1000', 'pageSize'], ['pageSize=two', 'pageSize']] as const) {
      const res = await c.get(`/api/patient/history?${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    expect((await testClient(world().deps, [listHistory]).get('/api/patient/history')).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [listHistory], role);
      expect((await c.get('/api/patient/history')).status, role).toBe(403);
    }
  });

  test('the read writes an audit row, with nothing clinical in it', async () => {
    const { c, user } = await signedIn(world().deps, [listHistory]);
    await c.get('/api/patient/history');
    const rows = await auditRowsOf(world().deps, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: user.id, actor_role: 'patient', patient_id: user.id, action: 'history_read', entity: 'treatment', outcome: 'ok', detail: null });
  });
});
