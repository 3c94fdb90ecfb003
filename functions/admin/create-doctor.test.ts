import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import login from '../auth/login';
import createDoctor from './create-doctor';

const world = useTestWorld();
const PASSWORD = 'violet kettle under marble';

const input = (departmentId: string, fields: Record<string, unknown> = {}) => ({
  name: 'Dr Nia Obi',
  email: `nia.${Math.random().toString(36).slice(2, 8)}@example.org`,
  password: PASSWORD,
  departmentId,
  specialization: 'Dermatology',
  ...fields,
});

const countDoctors = async () => Number((await world().deps.db.selectFrom('doctors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/admin/doctors', () => {
  test('an admin creates a doctor who can sign in, with an empty weekly template, audited', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDoctor]);
    const dep = await createDepartment(deps, { name: 'Dermatology' });
    const body = input(dep.id, { email: 'Nia.Obi@Example.org', experienceYears: 7, bio: 'Skin.', slotMinutes: 20 });
    const res = await admin.c.post('/api/admin/doctors', { json: body });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Dr Nia Obi',
      email: 'nia.obi@example.org',
      departmentId: dep.id,
      departmentName: 'Dermatology',
      specialization: 'Dermatology',
      experienceYears: 7,
      bio: 'Skin.',
      slotMinutes: 20,
      status: 'active',
      createdAt: deps.clock().toISOString(),
    });
    const id = res.body.id;
    const user = await deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(user.role).toBe('doctor');
    expect(user.password_hash).not.toContain(PASSWORD);
    const weekly = await deps.db.selectFrom('doctor_weekly_hours').selectAll().where('doctor_id', '=', id).execute();
    expect(weekly).toEqual([]);
    const signIn = await testClient(deps, [login], { clientAddress: '198.51.100.41' }).post('/api/auth/login', { json: { email: 'nia.obi@example.org', password: PASSWORD } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.role).toBe('doctor');
    const [row] = (await auditRows(deps, 'doctor_create')).filter((r) => r.entity_id === id);
    expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });
    expect(row!.detail).not.toContain(PASSWORD);
  });

  test('slotMinutes defaults to 30 and the optional fields to null', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDoctor]);
    const dep = await createDepartment(deps);
    const res = await admin.c.post('/api/admin/doctors', { json: input(dep.id) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slotMinutes: 30, experienceYears: null, bio: null });
  });

  test('an email that has an account is 409 email_taken, in any letter case', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDoctor]);
    const dep = await createDepartment(deps);
    const existing = await createUser(deps, { email: 'taken.one@example.org' });
    const before = await countDoctors();
    const res = await admin.c.post('/api/admin/doctors', { json: input(dep.id, { email: existing.email.toUpperCase() }) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
    expect(await countDoctors()).toBe(before);
  });

  test('a department that does not exist, a weak password or bad fields are 400 naming each, and nothing is written', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDoctor]);
    const dep = await createDepartment(deps);
    const before = await countDoctors();
    const noDep = await admin.c.post('/api/admin/doctors', { json: input('no-such-department') });
    expect(noDep.status).toBe(400);
    expect(noDep.body.error.fields).toEqual({ departmentId: expect.any(String) });
    const weak = await admin.c.post('/api/admin/doctors', { json: input(dep.id, { password: 'password123' }) });
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body.error.fields)).toEqual(['password']);
    const bad = await admin.c.post('/api/admin/doctors', { json: input(dep.id, { email: 'nope', slotMinutes: 2, experienceYears: -1, specialization: '' }) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'experienceYears', 'slotMinutes', 'specialization']);
    expect(await countDoctors()).toBe(before);
  });

  test('with an Idempotency-Key a repeat answers the first answer and creates nothing more', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [createDoctor]);
    const dep = await createDepartment(deps);
    const body = input(dep.id);
    const headers = { 'Idempotency-Key': 'create-doctor-1' };
    const first = await admin.c.post('/api/admin/doctors', { json: body, headers });
    const before = await countDoctors();
    const again = await admin.c.post('/api/admin/doctors', { json: body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await countDoctors()).toBe(before);
    const other = await admin.c.post('/api/admin/doctors', { json: { ...body, name: 'Dr Someone Else' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  test('doctors and patients get 403, signed-out callers 401, and nothing is created', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [createDoctor]);
    const dep = await createDepartment(deps);
    const before = await countDoctors();
    expect(await expectRefused(others, 'POST', '/api/admin/doctors', input(dep.id))).toEqual(REFUSED);
    expect(await countDoctors()).toBe(before);
  });
});
