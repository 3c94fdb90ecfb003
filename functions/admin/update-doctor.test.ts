import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import type { CallResult } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import updateDoctor from './update-doctor';

const world = useTestWorld();
const patch = (c: { call: (m: string, p: string, o: { json: unknown }) => Promise<CallResult> }, id: string, json: unknown) =>
  c.call('PATCH', `/api/admin/doctors/${id}`, { json });

describe('PATCH /api/admin/doctors/:id', () => {
  test("an admin changes a doctor's profile fields; the audit row names the fields that changed", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDoctor]);
    const doctor = await createDoctor(deps, { name: 'Dr Old Name' });
    const dep = await createDepartment(deps, { name: 'Oncology' });
    const res = await patch(admin.c, doctor.id, { name: 'Dr New Name', departmentId: dep.id, specialization: 'Radiotherapy', experienceYears: null, bio: 'Hello.', slotMinutes: 45 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doctor.id, name: 'Dr New Name', departmentId: dep.id, departmentName: 'Oncology', specialization: 'Radiotherapy', experienceYears: null, bio: 'Hello.', slotMinutes: 45, status: 'active' });
    const row = await deps.db.selectFrom('doctors').innerJoin('users', 'users.id', 'doctors.user_id').selectAll().where('user_id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Dr New Name', department_id: dep.id, specialization: 'Radiotherapy', experience_years: null, bio: 'Hello.', slot_minutes: 45 });
    const [audit] = (await auditRows(deps, 'doctor_update')).filter((r) => r.entity_id === doctor.id);
    expect(audit).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });
    expect(JSON.parse(audit!.detail!).fields.sort()).toEqual(['bio', 'departmentId', 'experienceYears', 'name', 'slotMinutes', 'specialization']);
  });

  test('email, password and role cannot be changed here: 400 naming each, nothing written', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDoctor]);
    const doctor = await createDoctor(deps, { name: 'Dr Kept Name' });
    const res = await patch(admin.c, doctor.id, { name: 'Dr Changed', email: 'x@example.org', password: 'a b c d e f', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ email: 'cannot be changed here', password: 'cannot be changed here', role: 'cannot be changed here' });
    const user = await deps.db.selectFrom('users').select(['name', 'role']).where('id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(user).toEqual({ name: 'Dr Kept Name', role: 'doctor' });
  });

  test('a department that does not exist, a bad slot length or an empty change is 400 naming the field', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDoctor]);
    const doctor = await createDoctor(deps);
    const noDep = await patch(admin.c, doctor.id, { departmentId: 'nowhere' });
    expect(noDep.status).toBe(400);
    expect(noDep.body.error.fields).toEqual({ departmentId: expect.any(String) });
    const slot = await patch(admin.c, doctor.id, { slotMinutes: 1000 });
    expect(slot.body.error.fields).toEqual({ slotMinutes: expect.any(String) });
    const empty = await patch(admin.c, doctor.id, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ body: expect.any(String) });
    const row = await deps.db.selectFrom('doctors').select(['department_id', 'slot_minutes']).where('user_id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ department_id: doctor.departmentId, slot_minutes: 30 });
  });

  test("a patient's id answers exactly as an id that does not exist", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDoctor]);
    const patient = await createUser(deps);
    const missing = await patch(admin.c, 'no-such-doctor', { specialization: 'X-ray' });
    const notADoctor = await patch(admin.c, patient.id, { specialization: 'X-ray' });
    expect(missing.status).toBe(404);
    expect(notADoctor.text).toBe(missing.text);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [updateDoctor]);
    const doctor = await createDoctor(deps, { specialization: 'Kept' });
    expect(await expectRefused(others, 'PATCH', `/api/admin/doctors/${doctor.id}`, { specialization: 'Changed' })).toEqual(REFUSED);
    const row = await deps.db.selectFrom('doctors').select('specialization').where('user_id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(row.specialization).toBe('Kept');
  });
});
