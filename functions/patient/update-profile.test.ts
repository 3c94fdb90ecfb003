import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import getProfile from './get-profile';
import updateProfile from './update-profile';

// A zone ahead of UTC: just after midnight there, UTC still reads the day before.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Pacific/Auckland' });

const patch = (c: Awaited<ReturnType<typeof signedIn>>['c'], json: unknown) => c.call('PATCH', '/api/patient/profile', { json });

async function stored(userId: string) {
  const { db } = world().deps;
  const user = await db.selectFrom('users').select(['name', 'email', 'updated_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  const patient = await db.selectFrom('patients').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  return { user, patient };
}

describe('PATCH /api/patient/profile', () => {
  test('a patient changes every field at once and gets the profile back, as it is now stored', async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile, getProfile]);
    const res = await patch(c, {
      name: '  Grace Hopper ',
      phone: '+1 (555) 010-2030',
      dateOfBirth: '1906-12-09',
      gender: 'female',
      address: '12 Harbour Road\nWellington 6011',
      bloodGroup: 'AB+',
    });
    expect(res.status).toBe(200);
    const expected = {
      id: user.id,
      name: 'Grace Hopper',
      email: user.email,
      phone: '+1 (555) 010-2030',
      dateOfBirth: '1906-12-09',
      gender: 'female',
      address: '12 Harbour Road\nWellington 6011',
      bloodGroup: 'AB+',
    };
    expect(res.body).toEqual(expected);
    expect((await c.get('/api/patient/profile')).body).toEqual(expected);
    const { user: u, patient } = await stored(user.id);
    expect(u.name).toBe('Grace Hopper');
    expect(u.updated_at).toBe(world().clock().toISOString());
    expect(patient.updated_at).toBe(world().clock().toISOString());
  });

  test('one field changes alone; null clears a field; the rest stay as they were', async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile]);
    await patch(c, { phone: '020 7946 0001', bloodGroup: 'B-', address: 'Flat 2' });
    const res = await patch(c, { bloodGroup: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Test patient', phone: '020 7946 0001', address: 'Flat 2', bloodGroup: null });
    expect((await stored(user.id)).patient).toMatchObject({ phone: '020 7946 0001', address: 'Flat 2', blood_group: null });
  });

  test('the change is audited in the same transaction, naming the changed fields and never their values', async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile]);
    await patch(c, { phone: '020 7946 0002', bloodGroup: 'A+' });
    // The phone is sent again unchanged: only what really changed is named.
    await patch(c, { phone: '020 7946 0002', address: 'Rose Cottage' });
    const rows = await auditRowsOf(world().deps, user.id);
    expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.actor_id, r.actor_role, r.outcome])).toEqual([
      ['profile_update', 'patient', user.id, user.id, 'patient', 'ok'],
      ['profile_update', 'patient', user.id, user.id, 'patient', 'ok'],
    ]);
    expect(rows.map((r) => JSON.parse(r.detail!))).toEqual([{ fields: ['phone', 'bloodGroup'] }, { fields: ['address'] }]);
    for (const row of rows) {
      expect(row.detail).not.toMatch(/7946|A\+|Rose/);
      expect(row.ip).toMatch(/^203\.0\.113\./);
    }
  });

  test('email or id in the body is 400 naming it ("cannot be changed here"), and nothing is written', async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile]);
    const before = await stored(user.id);
    for (const body of [{ email: 'new@example.org', name: 'New Name' }, { id: 'someone-else', phone: '0123456' }, { email: null }]) {
      const res = await patch(c, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      const field = 'email' in body ? 'email' : 'id';
      expect(res.body.error.fields[field]).toBe('cannot be changed here');
      expect(res.text).not.toContain('new@example.org');
    }
    expect(await stored(user.id)).toEqual(before);
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('an empty body, or one with only fields the endpoint does not know, is 400', async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile]);
    const empty = await patch(c, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'invalid_input', fields: { body: expect.stringContaining('at least one of') } });
    // A field the endpoint does not take is named (no mass assignment: a patient cannot set their role).
    const role = await patch(c, { role: 'admin' });
    expect(role.status).toBe(400);
    expect(role.body.error).toMatchObject({ code: 'invalid_input', fields: { role: 'is not a field that can be sent here' } });
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('each bad field is 400 naming it, values never echoed, nothing written', async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile]);
    const before = await stored(user.id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, 'name'],
      [{ name: null }, 'name'],
      [{ name: 'Evil\u202eName' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ phone: 'call me maybe' }, 'phone'],
      [{ dateOfBirth: '1980-02-30' }, 'dateOfBirth'],
      [{ dateOfBirth: '1899-12-31' }, 'dateOfBirth'],
      [{ gender: 'robot' }, 'gender'],
      [{ address: 'a'.repeat(301) }, 'address'],
      [{ address: 'bell\u0007' }, 'address'],
      [{ address: '   ' }, 'address'],
      [{ bloodGroup: 'C+' }, 'bloodGroup'],
      [{ bloodGroup: 'o+' }, 'bloodGroup'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(c, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toEqual([field]);
      expect(res.text).not.toContain('call me maybe');
    }
    expect(await stored(user.id)).toEqual(before);
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test("a date of birth after today in the hospital's zone is 400; today there is fine", async () => {
    // 2026-12-01T11:30Z is 00:30 on 2 December in Auckland (NZDT, UTC+13).
    world().clock.set('2026-12-01T11:30:00.000Z');
    const { c } = await signedIn(world().deps, [updateProfile]);
    const future = await patch(c, { dateOfBirth: '2026-12-03' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual({ dateOfBirth: 'must not be in the future' });
    const today = await patch(c, { dateOfBirth: '2026-12-02' });
    expect(today.status).toBe(200);
    expect(today.body.dateOfBirth).toBe('2026-12-02');
  });

  test('signed out is 401; a doctor or an admin is 403; nothing changes', async () => {
    const anonymous = testClient(world().deps, [updateProfile]);
    expect((await anonymous.call('PATCH', '/api/patient/profile', { json: { name: 'Nobody' } })).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c, user } = await signedIn(world().deps, [updateProfile], role);
      const res = await patch(c, { name: 'Changed By Patch' });
      expect(res.status, role).toBe(403);
      const name = await world().deps.db.selectFrom('users').select('name').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(name.name).toBe(`Test ${role}`);
    }
  });

  test("another site's page cannot change the profile (the origin rule)", async () => {
    const { c, user } = await signedIn(world().deps, [updateProfile]);
    const res = await c.call('PATCH', '/api/patient/profile', { json: { name: 'Forged' }, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await stored(user.id)).user.name).toBe('Test patient');
  });
});
