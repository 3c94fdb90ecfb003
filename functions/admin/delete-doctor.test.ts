import { describe, expect, test } from 'vitest';
import { DOCTOR_WITHDRAWN_REASON } from '../../shared/admin/users';
import { JOBS } from '../../shared/jobs/outbox';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDoctor } from '../../tests/support/doctors';
import { createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import { testClient } from '../../tests/support/http';
import login from '../auth/login';
import listDoctors from '../catalog/list-doctors';
import deleteDoctor from './delete-doctor';

const world = useTestWorld();
const FUNCTIONS = [deleteDoctor, listDoctors];

describe('DELETE /api/admin/doctors/:id', () => {
  test('a soft delete: the doctor leaves the catalogue, history stays, future booked appointments are cancelled with an outbox row each', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createDoctor(deps, { name: 'Dr Leaving Today' });
    const patient = await createUser(deps);
    const past = await createAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-11-30T10:00:00.000Z', status: 'completed' });
    const future = await createAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    expect((await admin.c.get('/api/doctors?q=leaving')).body.total).toBe(1);

    const res = await admin.c.call('DELETE', `/api/admin/doctors/${doctor.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doctor.id, status: 'removed' });
    const row = await deps.db.selectFrom('doctors').select('deleted_at').where('user_id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBe(deps.clock().toISOString());
    expect((await admin.c.get('/api/doctors?q=leaving')).body.total).toBe(0);

    const appointments = await deps.db.selectFrom('appointments').selectAll().where('doctor_id', '=', doctor.id).orderBy('start_at').execute();
    expect(appointments.map((a) => [a.id, a.status])).toEqual([[past.id, 'completed'], [future.id, 'cancelled']]);
    expect(appointments[1]).toMatchObject({ cancelled_by: admin.user.id, cancel_reason: DOCTOR_WITHDRAWN_REASON });
    const outbox = await deps.db.selectFrom('outbox').selectAll().where('job', '=', JOBS.appointmentCancelled).execute();
    expect(outbox.filter((r) => JSON.parse(r.payload).appointmentId === future.id)).toHaveLength(1);
    const [audit] = (await auditRows(deps, 'doctor_delete')).filter((r) => r.entity_id === doctor.id);
    expect(audit).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });

    // Again: nothing more happens.
    const again = await admin.c.call('DELETE', `/api/admin/doctors/${doctor.id}`);
    expect(again.status).toBe(200);
    const stillOne = await deps.db.selectFrom('outbox').selectAll().where('job', '=', JOBS.appointmentCancelled).execute();
    expect(stillOne.filter((r) => JSON.parse(r.payload).appointmentId === future.id)).toHaveLength(1);
  });

  test('a removed doctor cannot sign in again: 403 account_disabled with the right password', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createDoctor(deps, { name: 'Dr Gone Away' });
    const signIn = () => testClient(deps, [login], { clientAddress: '198.51.100.91' }).post('/api/auth/login', { json: { email: doctor.email, password: doctor.password } });
    expect((await signIn()).status).toBe(200);
    expect((await admin.c.call('DELETE', `/api/admin/doctors/${doctor.id}`)).status).toBe(200);
    const res = await signIn();
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
  });

  test("a patient's id answers exactly as an id that does not exist", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const patient = await createUser(deps);
    const missing = await admin.c.call('DELETE', '/api/admin/doctors/no-such-doctor');
    const notADoctor = await admin.c.call('DELETE', `/api/admin/doctors/${patient.id}`);
    expect(missing.status).toBe(404);
    expect(notADoctor.text).toBe(missing.text);
  });

  test('doctors and patients get 403, signed-out callers 401, and the doctor stays', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createDoctor(deps);
    expect(await expectRefused(others, 'DELETE', `/api/admin/doctors/${doctor.id}`)).toEqual(REFUSED);
    const row = await deps.db.selectFrom('doctors').select('deleted_at').where('user_id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeNull();
  });
});
