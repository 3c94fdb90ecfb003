import { describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getPatient from './get-patient';

const world = useTestWorld();

describe('GET /api/admin/patients/:id', () => {
  test('an admin sees the profile, status and appointment counts; the read is in the patient\'s access log', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [getPatient]);
    const patient = await createUser(deps, { name: 'Lena Park' });
    const doctor = await createDoctor(deps);
    await createAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    await createAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-11-20T10:00:00.000Z', status: 'completed' });
    const res = await admin.c.get(`/api/admin/patients/${patient.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: patient.id, name: 'Lena Park', email: patient.email, status: 'active', appointments: { total: 2, booked: 1, completed: 1, cancelled: 0 } });
    const rows = await auditRowsOf(deps, patient.id);
    expect(rows.at(-1)).toMatchObject({ action: 'patient_read', actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });
  });

  test("a doctor's id answers exactly as an id that does not exist", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [getPatient]);
    const doctor = await createDoctor(deps);
    const missing = await admin.c.get('/api/admin/patients/no-such-patient');
    const notAPatient = await admin.c.get(`/api/admin/patients/${doctor.id}`);
    expect(missing.status).toBe(404);
    expect(notAPatient.text).toBe(missing.text);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [getPatient]);
    const patient = await createUser(deps);
    expect(await expectRefused(others, 'GET', `/api/admin/patients/${patient.id}`)).toEqual(REFUSED);
  });
});
