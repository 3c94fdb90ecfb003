import { beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../../tests/support/availability';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listDoctors from './list-doctors';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });

let cardiology: { id: string; name: string };
let neurology: { id: string; name: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  const deps = world().deps;
  cardiology = await createDepartment(deps, { name: 'Cardiology' });
  neurology = await createDepartment(deps, { name: 'Neurology' });
  ids.okafor = (await createDoctor(deps, { departmentId: cardiology.id, name: 'Dr Ada Okafor', specialization: 'Interventional cardiology' })).id;
  ids.brennan = (await createDoctor(deps, { departmentId: cardiology.id, name: 'dr Liam Brennan', specialization: 'Heart failure', slotMinutes: 45 })).id;
  ids.singh = (await createDoctor(deps, { departmentId: neurology.id, name: 'Dr Priya Singh', specialization: 'Stroke_medicine' })).id;
  ids.mendes = (await createDoctor(deps, { departmentId: neurology.id, name: 'Dr Rui Mendes', specialization: 'Epilepsy (100% paediatric)' })).id;
  ids.blacklisted = (await createDoctor(deps, { departmentId: cardiology.id, name: 'Dr Cara Black', specialization: 'Cardiology', status: 'blacklisted' })).id;
  ids.removed = (await createDoctor(deps, { departmentId: neurology.id, name: 'Dr Gone Away', specialization: 'Neurology', deleted: true })).id;
});

const anonymous = () => testClient(world().deps, [listDoctors]);
const namesOf = (body: { items: { name: string }[] }) => body.items.map((d) => d.name);

describe('GET /api/doctors', () => {
  test('anyone sees every bookable doctor by name, with their department and slot length', async () => {
    const res = await anonymous().get('/api/doctors');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(namesOf(res.body)).toEqual(['Dr Ada Okafor', 'dr Liam Brennan', 'Dr Priya Singh', 'Dr Rui Mendes']);
    expect(res.body.items[1]).toEqual({
      id: ids.brennan,
      name: 'dr Liam Brennan',
      departmentId: cardiology.id,
      departmentName: 'Cardiology',
      specialization: 'Heart failure',
      experienceYears: 10,
      bio: null,
      slotMinutes: 45,
    });
  });

  test('blacklisted and removed doctors never appear, whatever the search', async () => {
    for (const search of ['', '?q=black', '?q=gone', '?q=cardiology', `?departmentId=${cardiology.id}`, `?departmentId=${neurology.id}&q=neuro`]) {
      const res = await anonymous().get(`/api/doctors${search}`);
      const found = res.body.items.map((d: { id: string }) => d.id);
      expect(found, search).not.toContain(ids.blacklisted);
      expect(found, search).not.toContain(ids.removed);
    }
  });

  test('q finds a part of the name in any letter case', async () => {
    for (const q of ['okafor', 'OKAF', 'ada o', 'Ada Okafor']) {
      const res = await anonymous().get(`/api/doctors?q=${encodeURIComponent(q)}`);
      expect(namesOf(res.body), q).toEqual(['Dr Ada Okafor']);
      expect(res.body.total).toBe(1);
    }
  });

  test('q finds a part of the specialization in any letter case', async () => {
    expect(namesOf((await anonymous().get('/api/doctors?q=HEART')).body)).toEqual(['dr Liam Brennan']);
    expect(namesOf((await anonymous().get('/api/doctors?q=cardio')).body)).toEqual(['Dr Ada Okafor']);
    expect(namesOf((await anonymous().get('/api/doctors?q=ilure')).body)).toEqual(['dr Liam Brennan']);
  });

  test('q matches name or specialization, and spaces around it are ignored', async () => {
    // "ing" only in "Singh"; "in" also in "Interventional" and "medicine".
    const res = await anonymous().get('/api/doctors?q=%20%20ING%20%20');
    expect(namesOf(res.body)).toEqual(['Dr Priya Singh']);
    expect(namesOf((await anonymous().get('/api/doctors?q=in')).body)).toEqual(['Dr Ada Okafor', 'Dr Priya Singh']);
  });

  test('% and _ in q are plain characters, not wildcards', async () => {
    expect(namesOf((await anonymous().get('/api/doctors?q=%25')).body)).toEqual(['Dr Rui Mendes']);
    expect(namesOf((await anonymous().get('/api/doctors?q=_')).body)).toEqual(['Dr Priya Singh']);
    expect(namesOf((await anonymous().get(`/api/doctors?q=${encodeURIComponent('100%')}`)).body)).toEqual(['Dr Rui Mendes']);
    expect((await anonymous().get(`/api/doctors?q=${encodeURIComponent('Dr_Ada')}`)).body.total).toBe(0);
    expect((await anonymous().get(`/api/doctors?q=${encodeURIComponent('\\')}`)).body.total).toBe(0);
  });

  test('an empty q or departmentId is no filter at all', async () => {
    expect((await anonymous().get('/api/doctors?q=&departmentId=')).body.total).toBe(4);
  });

  test('departmentId keeps that department\'s doctors; with q both must hold', async () => {
    expect(namesOf((await anonymous().get(`/api/doctors?departmentId=${neurology.id}`)).body)).toEqual(['Dr Priya Singh', 'Dr Rui Mendes']);
    expect(namesOf((await anonymous().get(`/api/doctors?departmentId=${cardiology.id}&q=liam`)).body)).toEqual(['dr Liam Brennan']);
    expect((await anonymous().get(`/api/doctors?departmentId=${neurology.id}&q=liam`)).body).toEqual({ items: [], total: 0 });
    expect((await anonymous().get('/api/doctors?departmentId=no-such-department')).body).toEqual({ items: [], total: 0 });
  });

  test('pages keep the order; total counts every match', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => anonymous().get(`/api/doctors?page=${page}&pageSize=3`)));
    expect(pages.map((p) => namesOf(p.body))).toEqual([['Dr Ada Okafor', 'dr Liam Brennan', 'Dr Priya Singh'], ['Dr Rui Mendes'], []]);
    expect(pages.map((p) => p.body.total)).toEqual([4, 4, 4]);
    const filtered = await anonymous().get(`/api/doctors?q=dr&pageSize=1&page=2`);
    expect(filtered.body).toMatchObject({ total: 4, items: [{ name: 'dr Liam Brennan' }] });
  });

  test.each(['patient', 'doctor', 'admin'] as const)('a signed-in %s may search too', async (role) => {
    const c = await signedIn(world().deps, [listDoctors], await createUser(world().deps, { role }));
    expect((await c.get('/api/doctors?q=okafor')).body.total).toBe(1);
  });

  test.each([
    ['pageSize=201', 'pageSize'],
    ['page=0', 'page'],
    [`q=${'a'.repeat(101)}`, 'q'],
    [`departmentId=${'a'.repeat(101)}`, 'departmentId'],
  ])('?%s answers 400 naming %s', async (search, field) => {
    const res = await anonymous().get(`/api/doctors?${search}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });
});
