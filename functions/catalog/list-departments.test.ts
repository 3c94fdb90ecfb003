import { beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../../tests/support/availability';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listDepartments from './list-departments';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });

let cardiology: { id: string };
let anaesthesia: { id: string };
let neurology: { id: string };

beforeAll(async () => {
  const deps = world().deps;
  cardiology = await createDepartment(deps, { name: 'Cardiology', description: 'Hearts and vessels' });
  anaesthesia = await createDepartment(deps, { name: 'anaesthesia' });
  neurology = await createDepartment(deps, { name: 'Neurology' });
  await createDoctor(deps, { departmentId: cardiology.id });
  await createDoctor(deps, { departmentId: cardiology.id });
  await createDoctor(deps, { departmentId: cardiology.id, status: 'blacklisted' });
  await createDoctor(deps, { departmentId: cardiology.id, deleted: true });
  await createDoctor(deps, { departmentId: neurology.id, deleted: true });
});

const anonymous = () => testClient(world().deps, [listDepartments]);

describe('GET /api/departments', () => {
  test('anyone, signed out, sees every department by name with its count of bookable doctors only', async () => {
    const res = await anonymous().get('/api/departments');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: anaesthesia.id, name: 'anaesthesia', description: null, doctorCount: 0 },
        { id: cardiology.id, name: 'Cardiology', description: 'Hearts and vessels', doctorCount: 2 },
        { id: neurology.id, name: 'Neurology', description: null, doctorCount: 0 },
      ],
      total: 3,
    });
    expect(res.setCookie).toBeNull();
  });

  test.each(['patient', 'doctor', 'admin'] as const)('a signed-in %s sees the same list', async (role) => {
    const user = await createUser(world().deps, { role });
    const c = await signedIn(world().deps, [listDepartments], user);
    const res = await c.get('/api/departments');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
  });

  test('pages keep the order and the total', async () => {
    const first = await anonymous().get('/api/departments?page=1&pageSize=2');
    const second = await anonymous().get('/api/departments?page=2&pageSize=2');
    const beyond = await anonymous().get('/api/departments?page=3&pageSize=2');
    expect(first.body.items.map((d: { name: string }) => d.name)).toEqual(['anaesthesia', 'Cardiology']);
    expect(second.body.items.map((d: { name: string }) => d.name)).toEqual(['Neurology']);
    expect(beyond.body).toEqual({ items: [], total: 3 });
    expect([first.body.total, second.body.total]).toEqual([3, 3]);
    expect((await anonymous().get('/api/departments?pageSize=200')).status).toBe(200);
  });

  test.each([
    ['pageSize=201', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=ten', 'pageSize'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
  ])('?%s answers 400 naming %s', async (search, field) => {
    const res = await anonymous().get(`/api/departments?${search}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });
});
