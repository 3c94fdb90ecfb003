import { describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import listDepartments from './list-departments';

const world = useTestWorld();

describe('GET /api/admin/departments', () => {
  test('an admin sees every department by name with its count of bookable doctors, paginated', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [listDepartments]);
    const b = await createDepartment(deps, { name: 'b Neurology', description: 'Brains.' });
    const a = await createDepartment(deps, { name: 'A Cardiology' });
    await createDoctor(deps, { departmentId: a.id });
    await createDoctor(deps, { departmentId: a.id, status: 'blacklisted' });
    await createDoctor(deps, { departmentId: a.id, deleted: true });
    const res = await admin.c.get('/api/admin/departments');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: a.id, name: 'A Cardiology', description: null, doctorCount: 1 },
        { id: b.id, name: 'b Neurology', description: 'Brains.', doctorCount: 0 },
      ],
      total: 2,
    });
    const page2 = await admin.c.get('/api/admin/departments?page=2&pageSize=1');
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: b.id })], total: 2 });
    const bad = await admin.c.get('/api/admin/departments?pageSize=201');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['pageSize']);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const { others } = await adminAndOthers(world().deps, [listDepartments]);
    expect(await expectRefused(others, 'GET', '/api/admin/departments')).toEqual(REFUSED);
  });
});
