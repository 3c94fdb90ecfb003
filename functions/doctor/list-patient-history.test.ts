import { beforeEach, describe, expect, test } from 'vitest';
import accessLog from '../patient/list-access-log';
import { sessionCookie } from '../../tests/support/booking';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { testClient } from '../../tests/support/http';
import { createAppointment, createTreatment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import history from './list-patient-history';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Asia/Kolkata' });
const deps = () => world().deps;
const historyOf = (id: string) => `/api/doctor/patients/${id}/history`;
const MISSING = '0190aaaa-0000-7000-8000-000000000000';
beforeEach(() => world().clock.set('2026-12-01T08:00:00.000Z'));

async function completedVisit(doctorId: string, patientId: string, start: string, diagnosis: string) {
  const appointment = await createAppointment(deps(), { doctorId, patientId, start, status: 'completed' });
  const treatment = await createTreatment(deps(), { appointmentId: appointment.id, doctorId, patientId, diagnosis, prescription: 'Rx', nextVisit: '2026-12-20' });
  return { appointment, treatment };
}

let fixtures = 0;
async function fixture() {
  const n = ++fixtures;
  const cardiology = await createDepartment(deps(), { name: `Cardiology ${n}` });
  const { c, doctor } = await doctorClient(deps(), [history], { name: 'Dr Mira Shah', departmentId: cardiology.id });
  const dermatology = await createDepartment(deps(), { name: `Dermatology ${n}` });
  const colleague = await createDoctor(deps(), { name: 'Dr Colleague Rao', departmentId: dermatology.id });
  const patient = await createPatient(deps(), { name: 'Ada Lovelace' });
  await createAppointment(deps(), { doctorId: doctor.id, patientId: patient.id, start: '2026-12-03T04:00:00.000Z' }); // booked with me
  const older = await completedVisit(colleague.id, patient.id, '2026-10-01T04:00:00.000Z', 'Eczema');
  const newer = await completedVisit(colleague.id, patient.id, '2026-11-15T19:00:00.000Z', 'Contact dermatitis'); // 00:30 on 16 Nov in Kolkata
  return { c, doctor, colleague, patient, older, newer };
}

describe('GET /api/doctor/patients/:id/history', () => {
  test("my patient's treatments from every doctor, most recent first, dated in the hospital's zone", async () => {
    const { c, colleague, patient, older, newer } = await fixture();
    const res = await c.get(historyOf(patient.id));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      patient: { id: patient.id, name: 'Ada Lovelace' },
      total: 2,
      items: [
        {
          appointmentId: newer.appointment.id,
          date: '2026-11-16',
          doctorName: 'Dr Colleague Rao',
          departmentName: expect.stringMatching(/^Dermatology \d+$/),
          diagnosis: 'Contact dermatitis',
          prescription: 'Rx',
          notes: null,
          nextVisit: '2026-12-20',
          treatmentId: newer.treatment.id,
          authorId: colleague.id,
        },
        expect.objectContaining({ appointmentId: older.appointment.id, date: '2026-10-01', diagnosis: 'Eczema' }),
      ],
    });
    expect((await c.get(`${historyOf(patient.id)}?pageSize=1&page=2`)).body.items.map((i: { treatmentId: string }) => i.treatmentId)).toEqual([older.treatment.id]);
  });

  test("the read is audited, and the patient sees the doctor's read by name in their access log", async () => {
    const { c, doctor, patient } = await fixture();
    expect((await c.get(historyOf(patient.id))).status).toBe(200);
    const rows = await deps().db.selectFrom('audit_log').selectAll().where('actor_id', '=', doctor.id).execute();
    expect(rows).toEqual([
      expect.objectContaining({ action: 'patient_history_read', actor_role: 'doctor', patient_id: patient.id, entity: 'treatment', outcome: 'ok' }),
    ]);
    const pc = testClient(deps(), [accessLog]);
    pc.cookie = await sessionCookie(deps(), patient.id);
    const log = await pc.get('/api/patient/access-log');
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(expect.objectContaining({ actorName: 'Dr Mira Shah', actorRole: 'doctor', action: 'patient_history_read', outcome: 'ok' }));
  });

  test('a patient who is not mine answers 404 exactly as a missing id; both audited not_found, nothing in their access log', async () => {
    const { patient } = await fixture();
    const { c, doctor: stranger } = await doctorClient(deps(), [history]);
    // Someone with only a cancelled appointment with me is not my patient either.
    await createAppointment(deps(), { doctorId: stranger.id, patientId: patient.id, start: '2026-12-04T04:00:00.000Z', status: 'cancelled' });
    const notMine = await c.get(historyOf(patient.id));
    const missing = await c.get(historyOf(MISSING));
    expect(notMine.status).toBe(404);
    expect(notMine.text).toBe(missing.text);
    // A doctor's id is no patient either.
    expect((await c.get(historyOf(stranger.id))).text).toBe(missing.text);
    const audit = await deps().db.selectFrom('audit_log').select(['entity_id', 'outcome', 'action', 'patient_id']).where('actor_id', '=', stranger.id).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity_id: patient.id, outcome: 'not_found', action: 'patient_history_read', patient_id: null },
        { entity_id: MISSING, outcome: 'not_found', action: 'patient_history_read', patient_id: null },
      ]),
    );
  });

  test('bad paging is 400 naming the field', async () => {
    const { c, patient } = await fixture();
    for (const [qs, field] of [
      ['page=0', 'page'],
      ['pageSize=201', 'pageSize'],
    ]) {
      const res = await c.get(`${historyOf(patient.id)}?${qs}`);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
  });

  test('signed out gets 401; a patient (even this one) and an admin get 403', async () => {
    const { patient } = await fixture();
    await expectRefusedToOthers(deps(), [history], (c) => c.get(historyOf(patient.id)), expect);
    const own = testClient(deps(), [history]);
    own.cookie = await sessionCookie(deps(), patient.id);
    expect((await own.get(historyOf(patient.id))).status).toBe(403);
  });
});
