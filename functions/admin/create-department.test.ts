import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment as insertDepartment } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import createDepartment from './create-department';

const world = useTestWorld();
const count = async () => Number((await world().deps.db.selectFrom('departments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/admin/departments', () => {
  test('an admin creates a department, audited', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDepartment]);
    const res = await admin.c.post('/api/admin/departments', { json: { name: '  Dermatology ', description: 'Skin.' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Dermatology', description: 'Skin.', doctorCount: 0 });
    const row = await deps.db.selectFrom('departments').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Dermatology', description: 'Skin.' });
    const [audit] = (await auditRows(deps, 'department_create')).filter((r) => r.entity_id === res.body.id);
    expect(audit).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });
    const bare = await admin.c.post('/api/admin/departments', { json: { name: 'Urology' } });
    expect(bare.body.description).toBeNull();
  });

  test('a name taken in any letter case is 409 name_taken', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDepartment]);
    await insertDepartment(deps, { name: 'Oncology' });
    const before = await count();
    const res = await admin.c.post('/api/admin/departments', { json: { name: 'ONCOLOGY' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('name_taken');
    expect(await count()).toBe(before);
  });

  test('a missing or blank name or a bad description is 400 naming the field, nothing written', async () => {
    const { admin } = await adminAndOthers(world().deps, [createDepartment]);
    const before = await count();
    const none = await admin.c.post('/api/admin/departments', { json: { description: 'x' } });
    expect(none.status).toBe(400);
    expect(Object.keys(none.body.error.fields)).toEqual(['name']);
    const blank = await admin.c.post('/api/admin/departments', { json: { name: '   ', description: 'a'.repeat(1001) } });
    expect(Object.keys(blank.body.error.fields).sort()).toEqual(['description', 'name']);
    expect(await count()).toBe(before);
  });

  test('with an Idempotency-Key a repeat answers the first answer and creates nothing more', async () => {
    const { admin } = await adminAndOthers(world().deps, [createDepartment]);
    const headers = { 'Idempotency-Key': 'dept-1' };
    const first = await admin.c.post('/api/admin/departments', { json: { name: 'Geriatrics' }, headers });
    const before = await count();
    const again = await admin.c.post('/api/admin/departments', { json: { name: 'Geriatrics' }, headers });
    expect(first.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await count()).toBe(before);
  });

  test('doctors and patients get 403, signed-out callers 401, nothing created', async () => {
    const { others } = await adminAndOthers(world().deps, [createDepartment]);
    const before = await count();
    expect(await expectRefused(others, 'POST', '/api/admin/departments', { name: 'Refused Department' })).toEqual(REFUSED);
    expect(await count()).toBe(before);
  });
});
