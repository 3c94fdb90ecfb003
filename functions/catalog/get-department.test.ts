import { describe, expect, test } from 'vitest';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import getDepartment from './get-department';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });

const anonymous = () => testClient(world().deps, [getDepartment]);

describe('GET /api/departments/:id', () => {
  test('anyone sees one department with its count of bookable doctors', async () => {
    const deps = world().deps;
    const department = await createDepartment(deps, { name: 'Dermatology', description: 'Skin' });
    await createDoctor(deps, { departmentId: department.id });
    await createDoctor(deps, { departmentId: department.id, status: 'blacklisted' });
    await createDoctor(deps, { departmentId: department.id, deleted: true });
    const res = await anonymous().get(`/api/departments/${department.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: department.id, name: 'Dermatology', description: 'Skin', doctorCount: 1 });
  });

  test('a department without doctors counts 0', async () => {
    const department = await createDepartment(world().deps, { name: 'Empty ward' });
    expect((await anonymous().get(`/api/departments/${department.id}`)).body.doctorCount).toBe(0);
  });

  test('an id that does not exist answers 404 not_found', async () => {
    for (const id of ['nope', '0000000000000000', "x' or '1'='1"]) {
      const res = await anonymous().get(`/api/departments/${encodeURIComponent(id)}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'That department was not found.' } });
    }
  });
});
