import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import getProfile from './get-profile';

const world = useTestWorld();

describe('GET /api/patient/profile', () => {
  test('a patient sees their own profile, exactly its fields', async () => {
    const { c, user } = await signedIn(world().deps, [getProfile], 'patient', { name: 'Ada Okafor' });
    await world()
      .deps.db.updateTable('patients')
      .set({ phone: '+44 20 7946 0000', date_of_birth: '1980-04-02', gender: 'female', address: '1 High Street\nLeeds', blood_group: 'O-' })
      .where('user_id', '=', user.id)
      .execute();
    const res = await c.get('/api/patient/profile');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: user.id,
      name: 'Ada Okafor',
      email: user.email,
      phone: '+44 20 7946 0000',
      dateOfBirth: '1980-04-02',
      gender: 'female',
      address: '1 High Street\nLeeds',
      bloodGroup: 'O-',
    });
  });

  test('a new patient has nulls where nothing was given', async () => {
    const { c, user } = await signedIn(world().deps, [getProfile]);
    const res = await c.get('/api/patient/profile');
    expect(res.body).toEqual({ id: user.id, name: 'Test patient', email: user.email, phone: null, dateOfBirth: null, gender: null, address: null, bloodGroup: null });
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    const anonymous = testClient(world().deps, [getProfile]);
    expect((await anonymous.get('/api/patient/profile')).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [getProfile], role);
      const res = await c.get('/api/patient/profile');
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  test('the read writes an audit row: who, role, action, patient, outcome, and where from', async () => {
    const { c, user } = await signedIn(world().deps, [getProfile]);
    await c.get('/api/patient/profile', { headers: { 'user-agent': 'TestBrowser/1.0' } });
    const rows = await auditRowsOf(world().deps, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: user.id,
      actor_role: 'patient',
      patient_id: user.id,
      action: 'profile_read',
      entity: 'patient',
      entity_id: user.id,
      outcome: 'ok',
      user_agent: 'TestBrowser/1.0',
      detail: null,
    });
    expect(rows[0]!.ip).toMatch(/^203\.0\.113\./);
  });

  test('a refused caller leaves no audit row', async () => {
    const { c, user } = await signedIn(world().deps, [getProfile], 'doctor');
    await c.get('/api/patient/profile');
    const rows = await world().deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'profile_read').where('actor_id', '=', user.id).execute();
    expect(rows).toEqual([]);
  });
});
