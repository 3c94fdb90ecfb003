import { beforeEach, describe, expect, test } from 'vitest';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { createAppointment, createTreatment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { outboxCount, outboxRows } from '../../tests/support/outbox';
import { JOBS } from '../../shared/jobs/names';
import complete from './complete-appointment';

const world = useTestWorld();
const deps = () => world().deps;
const completeOf = (id: string) => `/api/doctor/appointments/${id}/complete`;
const MISSING = '0190aaaa-0000-7000-8000-000000000000';
const DIAGNOSIS = 'Acute bronchitis, improving';

/** Tuesday 1 December 2026, 09:10 UTC (the hospital's zone here): ten minutes into a 09:00 visit. */
const NOW = '2026-12-01T09:10:00.000Z';
beforeEach(() => world().clock.set(NOW));

async function visit(start = '2026-12-01T09:00:00.000Z', status: 'booked' | 'completed' | 'cancelled' = 'booked') {
  const { c, doctor } = await doctorClient(deps(), [complete]);
  const patient = await createPatient(deps(), { name: 'Ada Lovelace' });
  const appointment = await createAppointment(deps(), { doctorId: doctor.id, patientId: patient.id, start, status, reason: 'Cough' });
  return { c, doctor, patient, appointment };
}

const treatmentsOf = (appointmentId: string) => deps().db.selectFrom('treatments').selectAll().where('appointment_id', '=', appointmentId).execute();
const statusOf = async (id: string) => (await deps().db.selectFrom('appointments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const auditOf = (id: string) => deps().db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'appointment_complete').execute();

describe('POST /api/doctor/appointments/:id/complete', () => {
  test('completes the visit: one treatment, status completed, and an audit row without the clinical text', async () => {
    const { c, doctor, patient, appointment } = await visit();
    const res = await c.post(completeOf(appointment.id), {
      json: { diagnosis: DIAGNOSIS, prescription: 'Rest and fluids\nParacetamol 500 mg', notes: 'Review if fever', nextVisit: '2026-12-15' },
      headers: { 'user-agent': 'complete-test' },
    });
    expect(res.status).toBe(200);
    const treatments = await treatmentsOf(appointment.id);
    expect(treatments).toHaveLength(1);
    expect(res.body).toEqual({
      id: appointment.id,
      patientId: patient.id,
      patientName: 'Ada Lovelace',
      start: appointment.start_at,
      end: appointment.end_at,
      status: 'completed',
      reason: 'Cough',
      cancelReason: null,
      treatmentId: treatments[0]!.id,
      treatment: {
        id: treatments[0]!.id,
        appointmentId: appointment.id,
        patientId: patient.id,
        authorId: doctor.id,
        diagnosis: DIAGNOSIS,
        prescription: 'Rest and fluids\nParacetamol 500 mg',
        notes: 'Review if fever',
        nextVisit: '2026-12-15',
        createdAt: NOW,
        updatedAt: NOW,
      },
    });
    expect(treatments[0]).toEqual(expect.objectContaining({ doctor_id: doctor.id, patient_id: patient.id, diagnosis: DIAGNOSIS, next_visit: '2026-12-15' }));
    expect(await statusOf(appointment.id)).toBe('completed');
    const audit = await auditOf(appointment.id);
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: doctor.id, actor_role: 'doctor', patient_id: patient.id, entity: 'appointment', outcome: 'ok', user_agent: 'complete-test' }),
    ]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ treatmentId: treatments[0]!.id, fields: ['diagnosis', 'prescription', 'notes', 'nextVisit'] });
    for (const text of ['bronchitis', 'Paracetamol', 'fever']) expect(audit[0]!.detail).not.toContain(text);
    // One outbox row for the "your visit's notes are in the portal" email: the id, never the clinical text.
    expect((await outboxRows(deps(), appointment.id)).map(({ job, payload }) => ({ job, payload }))).toEqual([
      { job: JOBS.visitCompleted, payload: { appointmentId: appointment.id } },
    ]);
  });

  test('only the diagnosis is needed; the other fields are null', async () => {
    const { c, appointment } = await visit();
    const res = await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } });
    expect(res.status).toBe(200);
    expect(res.body.treatment).toEqual(expect.objectContaining({ diagnosis: DIAGNOSIS, prescription: null, notes: null, nextVisit: null }));
  });

  test('a second complete is 409 state and writes no second treatment', async () => {
    const { c, appointment } = await visit();
    expect((await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } })).status).toBe(200);
    const again = await c.post(completeOf(appointment.id), { json: { diagnosis: 'Something else' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('state');
    expect((await treatmentsOf(appointment.id)).map((t) => t.diagnosis)).toEqual([DIAGNOSIS]);
    expect((await outboxRows(deps(), appointment.id)).map((r) => r.job)).toEqual([JOBS.visitCompleted]);
  });

  test('when a racing complete already wrote the treatment, the unique index answers 409 state and nothing of this one is kept', async () => {
    const { c, doctor, patient, appointment } = await visit();
    // The other request's treatment is in, its status update not yet seen: the index must decide.
    await createTreatment(deps(), { appointmentId: appointment.id, doctorId: doctor.id, patientId: patient.id, diagnosis: 'First' });
    const res = await c.post(completeOf(appointment.id), { json: { diagnosis: 'Second' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('state');
    expect((await treatmentsOf(appointment.id)).map((t) => t.diagnosis)).toEqual(['First']);
    expect(await statusOf(appointment.id)).toBe('booked');
    expect(await auditOf(appointment.id)).toEqual([]);
    // The transaction rolled back, its outbox row with it.
    expect(await outboxRows(deps(), appointment.id)).toEqual([]);
  });

  test('a cancelled or completed appointment is 409 state', async () => {
    for (const status of ['cancelled', 'completed'] as const) {
      const { c, appointment } = await visit(undefined, status);
      const res = await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } });
      expect([res.status, res.body.error.code]).toEqual([409, 'state']);
      expect(await treatmentsOf(appointment.id)).toEqual([]);
      expect(await outboxRows(deps(), appointment.id)).toEqual([]);
    }
  });

  test('more than 30 minutes before the start is 409 state with a clear message; from 30 minutes before it completes', async () => {
    const { c, appointment } = await visit('2026-12-01T10:00:00.000Z');
    world().clock.set('2026-12-01T09:29:59.999Z');
    const early = await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } });
    expect([early.status, early.body.error.code]).toEqual([409, 'state']);
    expect(early.body.error.message).toMatch(/30 minutes before its start/);
    expect(await statusOf(appointment.id)).toBe('booked');
    world().clock.set('2026-12-01T09:30:00.000Z');
    expect((await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } })).status).toBe(200);
  });

  test('a visit long past can still be completed', async () => {
    const { c, appointment } = await visit('2026-11-20T09:00:00.000Z');
    expect((await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } })).status).toBe(200);
  });

  test("another doctor's appointment answers 404 exactly as a missing id does; both are audited not_found", async () => {
    const { appointment } = await visit();
    const { c, doctor: stranger } = await doctorClient(deps(), [complete]);
    const theirs = await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } });
    const missing = await c.post(completeOf(MISSING), { json: { diagnosis: DIAGNOSIS } });
    expect(theirs.status).toBe(404);
    expect(theirs.text).toBe(missing.text);
    expect(await statusOf(appointment.id)).toBe('booked');
    expect(await treatmentsOf(appointment.id)).toEqual([]);
    expect(await outboxRows(deps(), appointment.id)).toEqual([]);
    const audit = await deps().db.selectFrom('audit_log').select(['entity_id', 'outcome', 'action', 'patient_id']).where('actor_id', '=', stranger.id).orderBy('at').orderBy('entity_id').execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity_id: appointment.id, outcome: 'not_found', action: 'appointment_complete', patient_id: null },
        { entity_id: MISSING, outcome: 'not_found', action: 'appointment_complete', patient_id: null },
      ]),
    );
    expect(audit).toHaveLength(2);
  });

  test('bad input is 400 naming the field, and nothing is written', async () => {
    const { c, appointment } = await visit();
    for (const [json, field] of [
      [{}, 'diagnosis'],
      [{ diagnosis: '   ' }, 'diagnosis'],
      [{ diagnosis: 'x'.repeat(2001) }, 'diagnosis'],
      [{ diagnosis: 'bad\u0007bell' }, 'diagnosis'],
      [{ diagnosis: DIAGNOSIS, prescription: 'x'.repeat(4001) }, 'prescription'],
      [{ diagnosis: DIAGNOSIS, notes: 'a\u202eb' }, 'notes'],
      [{ diagnosis: DIAGNOSIS, nextVisit: '2026-02-30' }, 'nextVisit'],
      [{ diagnosis: DIAGNOSIS, nextVisit: '15/12/2026' }, 'nextVisit'],
      [{ diagnosis: DIAGNOSIS, nextVisit: '2026-11-30' }, 'nextVisit'],
    ] as const) {
      const res = await c.post(completeOf(appointment.id), { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.fields), JSON.stringify(json)).toEqual([field]);
    }
    expect(await treatmentsOf(appointment.id)).toEqual([]);
    expect(await statusOf(appointment.id)).toBe('booked');
    expect(await auditOf(appointment.id)).toEqual([]);
    expect(await outboxRows(deps(), appointment.id)).toEqual([]);
    // Today is not the past.
    expect((await c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS, nextVisit: '2026-12-01' } })).status).toBe(200);
  });

  test('signed out gets 401; a patient and an admin get 403; nothing is written', async () => {
    const { appointment } = await visit();
    const outboxBefore = await outboxCount(deps());
    await expectRefusedToOthers(deps(), [complete], (c) => c.post(completeOf(appointment.id), { json: { diagnosis: DIAGNOSIS } }), expect);
    expect(await statusOf(appointment.id)).toBe('booked');
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });
});
