import { describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDoctor } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getDoctor from './get-doctor';

const world = useTestWorld();

describe('GET /api/admin/doctors/:id', () => {
  test('an admin sees a doctor with status, removed ones too', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [getDoctor]);
    const doctor = await createDoctor(deps, { name: 'Dr Gone Away', deleted: true });
    const res = await admin.c.get(`/api/admin/doctors/${doctor.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doctor.id, name: 'Dr Gone Away', email: doctor.email, status: 'removed', departmentId: doctor.departmentId });
  });

  test("a patient's id answers exactly as an id that does not exist", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [getDoctor]);
    const patient = await createUser(deps);
    const missing = await admin.c.get('/api/admin/doctors/no-such-doctor');
    const notADoctor = await admin.c.get(`/api/admin/doctors/${patient.id}`);
    expect(missing.status).toBe(404);
    expect(notADoctor.status).toBe(404);
    expect(notADoctor.text).toBe(missing.text);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [getDoctor]);
    const doctor = await createDoctor(deps);
    expect(await expectRefused(others, 'GET', `/api/admin/doctors/${doctor.id}`)).toEqual(REFUSED);
  });
});
