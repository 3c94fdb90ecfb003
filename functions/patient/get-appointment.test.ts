import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, createAppointment, createTreatment, signedIn } from '../../tests/support/patient-records';
import { newId } from '../../shared/ids';
import login from '../auth/login';
import getAppointment from './get-appointment';

const world = useTestWorld();

async function setting() {
  const deps = world().deps;
  const doctor = await createDoctor(deps, { name: 'Dr Ola Nordmann' });
  const patient = await signedIn(deps, [getAppointment]);
  return { deps, doctor, patient };
}

describe('GET /api/patient/appointments/:id', () => {
  test('a booked appointment comes with treatment null', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-12-03T10:00:00.000Z', reason: 'Follow-up' });
    const res = await patient.c.get(`/api/patient/appointments/${appointment.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: appointment.id,
      doctorId: doctor.id,
      doctorName: 'Dr Ola Nordmann',
      departmentName: expect.any(String),
      start: '2026-12-03T10:00:00.000Z',
      end: '2026-12-03T10:30:00.000Z',
      status: 'booked',
      reason: 'Follow-up',
      cancelReason: null,
      createdAt: appointment.created_at,
      updatedAt: appointment.updated_at,
      treatment: null,
    });
  });

  test('a completed appointment comes with its treatment', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-11-20T10:00:00.000Z', status: 'completed' });
    const treatment = await createTreatment(deps, {
      appointmentId: appointment.id,
      doctorId: doctor.id,
      patientId: patient.user.id,
      diagnosis: 'Iron-deficiency anaemia',
      prescription: 'Ferrous sulfate 200 mg daily',
      notes: 'Recheck bloods',
      nextVisit: '2027-02-20',
    });
    const res = await patient.c.get(`/api/patient/appointments/${appointment.id}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('completed');
    expect(res.body.treatment).toEqual({
      id: treatment.id,
      diagnosis: 'Iron-deficiency anaemia',
      prescription: 'Ferrous sulfate 200 mg daily',
      notes: 'Recheck bloods',
      nextVisit: '2027-02-20',
      createdAt: treatment.created_at,
      updatedAt: treatment.updated_at,
    });
  });

  test("another patient's appointment answers exactly as a missing id: 404, the same body; both audited as not_found", async () => {
    const { deps, doctor, patient } = await setting();
    const other = await signedIn(deps, [getAppointment]);
    const theirs = await createAppointment(deps, { patientId: other.user.id, doctorId: doctor.id, start: '2026-12-04T10:00:00.000Z', status: 'completed' });
    await createTreatment(deps, { appointmentId: theirs.id, doctorId: doctor.id, patientId: other.user.id, diagnosis: 'Secret diagnosis' });
    const missing = newId();
    const a = await patient.c.get(`/api/patient/appointments/${theirs.id}`);
    const b = await patient.c.get(`/api/patient/appointments/${missing}`);
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(a.text).toBe(b.text);
    expect(a.body).toEqual({ error: { code: 'not_found', message: 'The appointment was not found.' } });
    expect(a.text).not.toContain('Secret');

    const rows = await auditRowsOf(deps, patient.user.id);
    expect(rows.map((r) => [r.action, r.entity_id, r.outcome, r.actor_id])).toEqual([
      ['appointment_read', theirs.id, 'not_found', patient.user.id],
      ['appointment_read', missing, 'not_found', patient.user.id],
    ]);
    // Nothing about it lands in the other patient's access log.
    expect(await auditRowsOf(deps, other.user.id)).toEqual([]);
  });

  test('an id that is not even shaped like one is 404 too, and its text is not kept in the audit trail', async () => {
    const { deps, patient } = await setting();
    const res = await patient.c.get(`/api/patient/appointments/${encodeURIComponent('x\n<script>' + 'y'.repeat(100))}`);
    expect(res.status).toBe(404);
    const rows = await auditRowsOf(deps, patient.user.id);
    expect(rows.map((r) => [r.action, r.entity_id, r.outcome])).toEqual([['appointment_read', null, 'not_found']]);
  });

  test('signed out is 401; a doctor (even the appointment\'s own) or an admin is 403', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-12-05T10:00:00.000Z' });
    const path = `/api/patient/appointments/${appointment.id}`;
    expect((await testClient(deps, [getAppointment]).get(path)).status).toBe(401);
    const asDoctor = testClient(deps, [login, getAppointment], { clientAddress: '203.0.113.250' });
    await asDoctor.post('/api/auth/login', { json: { email: doctor.email, password: doctor.password } });
    expect((await asDoctor.get(path)).status).toBe(403);
    const admin = await signedIn(deps, [getAppointment], 'admin');
    expect((await admin.c.get(path)).status).toBe(403);
    expect(await auditRowsOf(deps, patient.user.id)).toEqual([]);
  });

  test('the read writes an audit row naming the appointment', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-12-06T10:00:00.000Z' });
    await patient.c.get(`/api/patient/appointments/${appointment.id}`);
    const rows = await auditRowsOf(deps, patient.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: patient.user.id, actor_role: 'patient', action: 'appointment_read', entity: 'appointment', entity_id: appointment.id, outcome: 'ok', detail: null });
  });
});
