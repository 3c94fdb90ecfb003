import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import updateDepartment from './update-department';

const world = useTestWorld();

describe('PATCH /api/admin/departments/:id', () => {
  test('an admin renames a department and clears its description, audited with the fields', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDepartment]);
    const dep = await createDepartment(deps, { name: 'Old Name', description: 'Old.' });
    await createDoctor(deps, { departmentId: dep.id });
    const res = await admin.c.call('PATCH', `/api/admin/departments/${dep.id}`, { json: { name: 'New Name', description: null } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: dep.id, name: 'New Name', description: null, doctorCount: 1 });
    const [audit] = (await auditRows(deps, 'department_update')).filter((r) => r.entity_id === dep.id);
    expect(JSON.parse(audit!.detail!)).toEqual({ fields: ['name', 'description'] });
    // Its own name in another letter case is not a clash.
    expect((await admin.c.call('PATCH', `/api/admin/departments/${dep.id}`, { json: { name: 'NEW NAME' } })).status).toBe(200);
  });

  test("another department's name in any letter case is 409 name_taken", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDepartment]);
    await createDepartment(deps, { name: 'Taken Name' });
    const dep = await createDepartment(deps, { name: 'Mine' });
    const res = await admin.c.call('PATCH', `/api/admin/departments/${dep.id}`, { json: { name: 'taken name' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('name_taken');
  });

  test('an empty change or a blank name is 400; an unknown id 404', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [updateDepartment]);
    const dep = await createDepartment(deps, { name: 'Stays' });
    const empty = await admin.c.call('PATCH', `/api/admin/departments/${dep.id}`, { json: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ body: expect.any(String) });
    const blank = await admin.c.call('PATCH', `/api/admin/departments/${dep.id}`, { json: { name: ' ' } });
    expect(Object.keys(blank.body.error.fields)).toEqual(['name']);
    const missing = await admin.c.call('PATCH', '/api/admin/departments/nope', { json: { name: 'X' } });
    expect(missing.status).toBe(404);
    const row = await deps.db.selectFrom('departments').select('name').where('id', '=', dep.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Stays');
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [updateDepartment]);
    const dep = await createDepartment(deps);
    expect(await expectRefused(others, 'PATCH', `/api/admin/departments/${dep.id}`, { name: 'Refused' })).toEqual(REFUSED);
  });
});
