import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { DOCTOR_WITHDRAWN_REASON } from '../../shared/admin/users';
import { JOBS } from '../../shared/jobs/outbox';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { createAppointment, signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import login from '../auth/login';
import me from '../auth/me';
import listDoctors from '../catalog/list-doctors';
import blacklistUser from './blacklist-user';
import restoreUser from './restore-user';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const FUNCTIONS = [blacklistUser, restoreUser, me, listDoctors];

const appointmentsOf = (doctorId: string) =>
  world().deps.db.selectFrom('appointments').selectAll().where('doctor_id', '=', doctorId).orderBy('start_at').execute();

describe('POST /api/admin/users/:id/blacklist', () => {
  test('blacklisting a patient ends their session at once and their sign-in answers 403 account_disabled', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const patient = await signedIn(deps, FUNCTIONS, 'patient', { name: 'Pat Blue' });
    expect((await patient.c.get('/api/auth/me')).status).toBe(200);

    const res = await admin.c.post(`/api/admin/users/${patient.user.id}/blacklist`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: patient.user.id, role: 'patient', name: 'Pat Blue', email: patient.user.email, status: 'blacklisted' });
    expect((await patient.c.get('/api/auth/me')).status).toBe(401);

    const again = testClient(deps, [login], { clientAddress: '198.51.100.31' });
    const signIn = await again.post('/api/auth/login', { json: { email: patient.user.email, password: patient.user.password } });
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.code).toBe('account_disabled');

    const [row] = (await auditRows(deps, 'user_blacklist')).filter((r) => r.entity_id === patient.user.id);
    expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', patient_id: patient.user.id, outcome: 'ok', entity: 'user' });
  });

  test('blacklisting a doctor cancels only their future booked appointments, with one outbox row each, and they leave the catalogue', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createDoctor(deps, { name: 'Dr Withdrawn Soon' });
    const other = await createDoctor(deps, { name: 'Dr Staying On' });
    const p1 = await createUser(deps);
    const p2 = await createUser(deps);
    const past = await createAppointment(deps, { doctorId: doctor.id, patientId: p1.id, start: '2026-11-30T10:00:00.000Z', status: 'completed' });
    const pastBooked = await createAppointment(deps, { doctorId: doctor.id, patientId: p1.id, start: '2026-12-01T07:00:00.000Z' });
    const future1 = await createAppointment(deps, { doctorId: doctor.id, patientId: p1.id, start: '2026-12-02T10:00:00.000Z' });
    const future2 = await createAppointment(deps, { doctorId: doctor.id, patientId: p2.id, start: '2026-12-03T10:00:00.000Z' });
    const futureCancelled = await createAppointment(deps, { doctorId: doctor.id, patientId: p2.id, start: '2026-12-04T10:00:00.000Z', status: 'cancelled' });
    const othersAppointment = await createAppointment(deps, { doctorId: other.id, patientId: p2.id, start: '2026-12-02T11:00:00.000Z' });
    expect((await admin.c.get('/api/doctors?q=withdrawn')).body.total).toBe(1);

    const res = await admin.c.post(`/api/admin/users/${doctor.id}/blacklist`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doctor.id, role: 'doctor', status: 'blacklisted' });

    const rows = Object.fromEntries((await appointmentsOf(doctor.id)).map((a) => [a.id, a]));
    expect(rows[past.id]!.status).toBe('completed');
    expect(rows[pastBooked.id]!.status).toBe('booked');
    expect(rows[futureCancelled.id]!.cancelled_by).toBeNull();
    for (const id of [future1.id, future2.id]) {
      expect(rows[id]).toMatchObject({ status: 'cancelled', cancelled_by: admin.user.id, cancel_reason: DOCTOR_WITHDRAWN_REASON, updated_at: deps.clock().toISOString() });
    }
    const untouched = await deps.db.selectFrom('appointments').select('status').where('id', '=', othersAppointment.id).executeTakeFirstOrThrow();
    expect(untouched.status).toBe('booked');

    const outbox = await deps.db.selectFrom('outbox').selectAll().where('job', '=', JOBS.appointmentCancelled).execute();
    const mine = outbox.filter((r) => [future1.id, future2.id].includes(JSON.parse(r.payload).appointmentId));
    expect(mine.map((r) => JSON.parse(r.payload)).sort((a, b) => (a.appointmentId < b.appointmentId ? -1 : 1))).toEqual(
      [{ appointmentId: future1.id }, { appointmentId: future2.id }].sort((a, b) => (a.appointmentId < b.appointmentId ? -1 : 1)),
    );
    expect(mine.every((r) => r.created_at === deps.clock().toISOString() && r.relayed_at === null)).toBe(true);

    // Each patient's access log shows the cancellation by the admin.
    const cancels = (await auditRows(deps, 'appointment_cancel')).filter((r) => r.actor_id === admin.user.id);
    expect(cancels.map((r) => [r.entity_id, r.patient_id]).sort()).toEqual([[future1.id, p1.id], [future2.id, p2.id]].sort());

    expect((await admin.c.get('/api/doctors?q=withdrawn')).body.total).toBe(0);
  });

  test('the status change, the cancellations and the outbox rows are one transaction: a failure leaves all as they were', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createDoctor(deps);
    const patient = await createUser(deps);
    const future = await createAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    const kind = world().database.kind;
    // The outbox refuses every new row: a constraint on PostgreSQL (NOT VALID: the rows already there stay), a trigger on SQLite.
    if (kind === 'postgres') await sql`alter table outbox add constraint outbox_refuse_test check (false) not valid`.execute(deps.db);
    else await sql`create trigger outbox_refuse_test before insert on outbox begin select raise(abort, 'refused'); end`.execute(deps.db);
    try {
      const res = await admin.c.post(`/api/admin/users/${doctor.id}/blacklist`);
      expect(res.status).toBe(500);
    } finally {
      if (kind === 'postgres') await sql`alter table outbox drop constraint outbox_refuse_test`.execute(deps.db);
      else await sql`drop trigger outbox_refuse_test`.execute(deps.db);
    }
    const user = await deps.db.selectFrom('users').select('status').where('id', '=', doctor.id).executeTakeFirstOrThrow();
    expect(user.status).toBe('active');
    const row = await deps.db.selectFrom('appointments').select('status').where('id', '=', future.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('booked');
  });

  test('an admin cannot blacklist themself or another admin: 409 state, saying why', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const otherAdmin = await createUser(deps, { role: 'admin' });
    const self = await admin.c.post(`/api/admin/users/${admin.user.id}/blacklist`);
    expect(self.status).toBe(409);
    expect(self.body.error).toEqual({ code: 'state', message: expect.stringMatching(/yourself/) });
    const other = await admin.c.post(`/api/admin/users/${otherAdmin.id}/blacklist`);
    expect(other.status).toBe(409);
    expect(other.body.error).toEqual({ code: 'state', message: expect.stringMatching(/administrator cannot be blacklisted/) });
    const statuses = await deps.db.selectFrom('users').select('status').where('id', 'in', [admin.user.id, otherAdmin.id]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['active', 'active']);
    expect((await admin.c.get('/api/auth/me')).status).toBe(200);
  });

  test('an unknown id answers 404 and writes nothing but its audit row', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const res = await admin.c.post('/api/admin/users/no-such-user/blacklist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'That user was not found.' } });
    const rows = (await auditRows(deps, 'user_blacklist')).filter((r) => r.entity_id === 'no-such-user');
    expect(rows).toMatchObject([{ outcome: 'not_found', actor_id: admin.user.id }]);
  });

  test('doctors and patients are refused with 403, and signed-out callers with 401; nobody is blacklisted', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, FUNCTIONS);
    const target = await createUser(deps);
    expect(await expectRefused(others, 'POST', `/api/admin/users/${target.id}/blacklist`)).toEqual(REFUSED);
    expect(await expectRefused(others, 'DELETE', `/api/admin/users/${target.id}/blacklist`)).toEqual(REFUSED);
    const row = await deps.db.selectFrom('users').select('status').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });
});

describe('DELETE /api/admin/users/:id/blacklist', () => {
  test('restoring brings sign-in and the catalogue back, but the cancelled appointments stay cancelled', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createDoctor(deps, { name: 'Dr Back Again' });
    const patient = await createUser(deps);
    const future = await createAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T10:00:00.000Z' });
    expect((await admin.c.post(`/api/admin/users/${doctor.id}/blacklist`)).status).toBe(200);

    const res = await admin.c.call('DELETE', `/api/admin/users/${doctor.id}/blacklist`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doctor.id, role: 'doctor', status: 'active' });
    const signIn = await testClient(deps, [login], { clientAddress: '198.51.100.32' }).post('/api/auth/login', { json: { email: doctor.email, password: doctor.password } });
    expect(signIn.status).toBe(200);
    expect((await admin.c.get('/api/doctors?q=back%20again')).body.total).toBe(1);
    const row = await deps.db.selectFrom('appointments').select('status').where('id', '=', future.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
    const [audit] = (await auditRows(deps, 'user_restore')).filter((r) => r.entity_id === doctor.id);
    expect(audit).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });
  });

  test('a restored patient can sign in again', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const patient = await createUser(deps, { status: 'blacklisted' });
    const res = await admin.c.call('DELETE', `/api/admin/users/${patient.id}/blacklist`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('active');
    const signIn = await testClient(deps, [login], { clientAddress: '198.51.100.33' }).post('/api/auth/login', { json: { email: patient.email, password: patient.password } });
    expect(signIn.status).toBe(200);
    const [audit] = (await auditRows(deps, 'user_restore')).filter((r) => r.entity_id === patient.id);
    expect(audit!.patient_id).toBe(patient.id);
  });

  test('an unknown id answers 404', async () => {
    const { admin } = await adminAndOthers(world().deps, FUNCTIONS);
    const res = await admin.c.call('DELETE', '/api/admin/users/no-such-user/blacklist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'That user was not found.' } });
  });
});
