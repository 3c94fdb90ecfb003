import { describe, expect, test } from 'vitest';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import getDoctor from './get-doctor';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });

const anonymous = () => testClient(world().deps, [getDoctor]);
const NOT_FOUND = { error: { code: 'not_found', message: 'That doctor was not found.' } };

describe('GET /api/doctors/:id', () => {
  test('anyone sees a bookable doctor with their department', async () => {
    const deps = world().deps;
    const department = await createDepartment(deps, { name: 'Oncology' });
    const doctor = await createDoctor(deps, { departmentId: department.id, name: 'Dr Mina Osei', specialization: 'Medical oncology', slotMinutes: 20 });
    await deps.db.updateTable('doctors').set({ bio: 'Twenty years in practice.', experience_years: 20 }).where('user_id', '=', doctor.id).execute();
    const res = await anonymous().get(`/api/doctors/${doctor.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: doctor.id,
      name: 'Dr Mina Osei',
      departmentId: department.id,
      departmentName: 'Oncology',
      specialization: 'Medical oncology',
      experienceYears: 20,
      bio: 'Twenty years in practice.',
      slotMinutes: 20,
    });
  });

  test('a missing id, a blacklisted doctor, a removed doctor and a patient all answer the same 404', async () => {
    const deps = world().deps;
    const blacklisted = await createDoctor(deps, { status: 'blacklisted' });
    const removed = await createDoctor(deps, { deleted: true });
    const patient = await createUser(deps);
    for (const id of ['no-such-doctor', blacklisted.id, removed.id, patient.id]) {
      const res = await anonymous().get(`/api/doctors/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual(NOT_FOUND);
    }
  });

  test('a doctor taken off the blacklist is back', async () => {
    const deps = world().deps;
    const doctor = await createDoctor(deps, { status: 'blacklisted' });
    expect((await anonymous().get(`/api/doctors/${doctor.id}`)).status).toBe(404);
    await deps.db.updateTable('users').set({ status: 'active' }).where('id', '=', doctor.id).execute();
    expect((await anonymous().get(`/api/doctors/${doctor.id}`)).status).toBe(200);
  });
});
