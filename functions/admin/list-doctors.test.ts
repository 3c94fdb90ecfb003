import { beforeAll, describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import listDoctors from './list-doctors';

const world = useTestWorld();
const FUNCTIONS = [listDoctors];
let admin: Awaited<ReturnType<typeof adminAndOthers>>;
const ids: Record<string, string> = {};
let cardiology: { id: string };

beforeAll(async () => {
  const deps = world().deps;
  admin = await adminAndOthers(deps, FUNCTIONS);
  cardiology = await createDepartment(deps, { name: 'Cardiology' });
  const neurology = await createDepartment(deps, { name: 'Neurology' });
  ids.okafor = (await createDoctor(deps, { departmentId: cardiology.id, name: 'Dr Ada Okafor', email: 'ada.okafor@example.org', specialization: 'Heart failure' })).id;
  ids.black = (await createDoctor(deps, { departmentId: cardiology.id, name: 'Dr Cara Black', status: 'blacklisted' })).id;
  ids.gone = (await createDoctor(deps, { departmentId: neurology.id, name: 'Dr Gone Away', deleted: true })).id;
});

const list = async (query = '') => {
  const res = await admin.admin.c.get(`/api/admin/doctors${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; name: string; status: string }[]; total: number };
};

describe('GET /api/admin/doctors', () => {
  test('an admin sees every doctor, blacklisted and removed ones too, each with its status, by name', async () => {
    const body = await list();
    expect(body.total).toBe(3);
    expect(body.items.map((d) => [d.name, d.status])).toEqual([
      ['Dr Ada Okafor', 'active'],
      ['Dr Cara Black', 'blacklisted'],
      ['Dr Gone Away', 'removed'],
    ]);
    expect(body.items[0]).toEqual({
      id: ids.okafor,
      name: 'Dr Ada Okafor',
      email: 'ada.okafor@example.org',
      departmentId: cardiology.id,
      departmentName: 'Cardiology',
      specialization: 'Heart failure',
      experienceYears: 10,
      bio: null,
      slotMinutes: 30,
      status: 'active',
      createdAt: expect.any(String),
    });
  });

  test('q finds a part of the name, email or specialization in any letter case; status and departmentId filter', async () => {
    expect((await list('?q=OKAF')).items.map((d) => d.id)).toEqual([ids.okafor]);
    expect((await list('?q=ada.okafor%40')).items.map((d) => d.id)).toEqual([ids.okafor]);
    expect((await list('?q=FAILURE')).items.map((d) => d.id)).toEqual([ids.okafor]);
    expect((await list('?status=removed')).items.map((d) => d.id)).toEqual([ids.gone]);
    expect((await list('?status=blacklisted')).items.map((d) => d.id)).toEqual([ids.black]);
    expect((await list('?status=active')).items.map((d) => d.id)).toEqual([ids.okafor]);
    expect((await list(`?departmentId=${cardiology.id}`)).total).toBe(2);
    expect((await list('?pageSize=1&page=2')).items.map((d) => d.id)).toEqual([ids.black]);
  });

  test('a bad status or page size is 400 naming the parameter', async () => {
    const res = await admin.admin.c.get('/api/admin/doctors?status=retired&pageSize=0');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['pageSize', 'status']);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    expect(await expectRefused(admin.others, 'GET', '/api/admin/doctors')).toEqual(REFUSED);
  });
});
