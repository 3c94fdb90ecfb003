import { describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDoctor } from '../../tests/support/doctors';
import { auditRowsOf } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import updatePatient from './update-patient';

const world = useTestWorld();

describe('PATCH /api/admin/patients/:id', () => {
  test("an admin changes a patient's profile; the audit row names the patient and the fields", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updatePatient]);
    const patient = await createUser(deps, { name: 'Old Name' });
    const res = await admin.c.call('PATCH', `/api/admin/patients/${patient.id}`, { json: { name: 'New Name', phone: '+44 20 7946 0999', bloodGroup: 'O-' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: patient.id, name: 'New Name', phone: '+44 20 7946 0999', bloodGroup: 'O-', status: 'active' });
    const row = await deps.db.selectFrom('patients').innerJoin('users', 'users.id', 'patients.user_id').select(['name', 'phone', 'blood_group']).where('user_id', '=', patient.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'New Name', phone: '+44 20 7946 0999', blood_group: 'O-' });
    const audit = (await auditRowsOf(deps, patient.id)).at(-1)!;
    expect(audit).toMatchObject({ action: 'profile_update', actor_id: admin.user.id, actor_role: 'admin' });
    expect(JSON.parse(audit.detail!).fields.sort()).toEqual(['bloodGroup', 'name', 'phone']);
  });

  test('email or id in the body, or a bad field, is 400 naming it, nothing written', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updatePatient]);
    const patient = await createUser(deps, { name: 'Kept Name' });
    const res = await admin.c.call('PATCH', `/api/admin/patients/${patient.id}`, { json: { name: 'Changed', email: 'x@example.org', bloodGroup: 'Z' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['bloodGroup', 'email']);
    const user = await deps.db.selectFrom('users').select('name').where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(user.name).toBe('Kept Name');
  });

  test("a doctor's id answers exactly as an id that does not exist", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updatePatient]);
    const doctor = await createDoctor(deps);
    const missing = await admin.c.call('PATCH', '/api/admin/patients/nobody', { json: { name: 'X Y' } });
    const notAPatient = await admin.c.call('PATCH', `/api/admin/patients/${doctor.id}`, { json: { name: 'X Y' } });
    expect(missing.status).toBe(404);
    expect(notAPatient.text).toBe(missing.text);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [updatePatient]);
    const patient = await createUser(deps);
    expect(await expectRefused(others, 'PATCH', `/api/admin/patients/${patient.id}`, { name: 'Refused Name' })).toEqual(REFUSED);
  });
});
