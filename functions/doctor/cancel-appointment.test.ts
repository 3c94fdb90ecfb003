import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { InsertQueryNode, TableNode } from 'kysely';
import { beforeEach, describe, expect, test } from 'vitest';
import { sessionCookie } from '../../tests/support/booking';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { testClient } from '../../tests/support/http';
import { createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import cancel from './cancel-appointment';

const world = useTestWorld();
const deps = () => world().deps;
const cancelOf = (id: string) => `/api/doctor/appointments/${id}/cancel`;
const MISSING = '0190aaaa-0000-7000-8000-000000000000';

/** Tuesday 1 December 2026, 08:50 UTC: ten minutes before a 09:00 visit, well inside a patient's cut-off. */
const NOW = '2026-12-01T08:50:00.000Z';
beforeEach(() => world().clock.set(NOW));

async function visit(status: 'booked' | 'completed' | 'cancelled' = 'booked') {
  const { c, doctor } = await doctorClient(deps(), [cancel]);
  const patient = await createPatient(deps(), { name: 'Ada Lovelace' });
  const appointment = await createAppointment(deps(), { doctorId: doctor.id, patientId: patient.id, start: '2026-12-01T09:00:00.000Z', status });
  return { c, doctor, patient, appointment };
}

const appointmentRow = (id: string) => deps().db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const outboxOf = (id: string) =>
  deps().db.selectFrom('outbox').selectAll().where('payload', '=', JSON.stringify({ appointmentId: id })).execute();

/** Makes every insert into audit_log fail: the transaction it is part of must roll back whole. */
const failingAudit: KyselyPlugin = {
  transformQuery({ node }: { node: RootOperationNode }) {
    if (InsertQueryNode.is(node) && TableNode.is(node.into!) && node.into.table.identifier.name === 'audit_log') throw new Error('audit store refused');
    return node;
  },
  async transformResult({ result }) {
    return result;
  },
};

describe('POST /api/doctor/appointments/:id/cancel', () => {
  test('cancels with the reason, inside the patient cut-off, and writes the outbox row and the audit row', async () => {
    const { c, doctor, patient, appointment } = await visit();
    const res = await c.post(cancelOf(appointment.id), { json: { reason: 'Doctor unwell today' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: appointment.id,
      patientId: patient.id,
      patientName: 'Ada Lovelace',
      start: appointment.start_at,
      end: appointment.end_at,
      status: 'cancelled',
      reason: null,
      cancelReason: 'Doctor unwell today',
      treatmentId: null,
    });
    expect(await appointmentRow(appointment.id)).toEqual(
      expect.objectContaining({ status: 'cancelled', cancel_reason: 'Doctor unwell today', cancelled_by: doctor.id, updated_at: NOW }),
    );
    const outbox = await outboxOf(appointment.id);
    expect(outbox).toEqual([
      expect.objectContaining({ job: 'email.appointment_cancelled', created_at: NOW, relayed_at: null, attempts: 0, last_error: null }),
    ]);
    expect(JSON.parse(outbox[0]!.payload)).toEqual({ appointmentId: appointment.id });
    const audit = await deps().db.selectFrom('audit_log').selectAll().where('entity_id', '=', appointment.id).execute();
    expect(audit).toEqual([
      expect.objectContaining({ action: 'appointment_cancel', actor_id: doctor.id, actor_role: 'doctor', patient_id: patient.id, outcome: 'ok' }),
    ]);
    expect(audit[0]!.detail).not.toContain('unwell');
  });

  test('if the transaction fails, nothing is kept: no outbox row, the appointment still booked', async () => {
    const { doctor, appointment } = await visit();
    const broken = { ...deps(), db: deps().db.withPlugin(failingAudit) };
    const c = testClient(broken, [cancel]);
    c.cookie = await sessionCookie(deps(), doctor.id);
    const res = await c.post(cancelOf(appointment.id), { json: {} });
    expect(res.status).toBe(500);
    expect(await outboxOf(appointment.id)).toEqual([]);
    expect((await appointmentRow(appointment.id)).status).toBe('booked');
  });

  test('only a booked appointment: cancelled or completed is 409 state, with no outbox row', async () => {
    for (const status of ['cancelled', 'completed'] as const) {
      const { c, appointment } = await visit(status);
      const res = await c.post(cancelOf(appointment.id), { json: {} });
      expect([res.status, res.body.error.code]).toEqual([409, 'state']);
      expect(await outboxOf(appointment.id)).toEqual([]);
    }
    const { c, appointment } = await visit();
    expect((await c.post(cancelOf(appointment.id), { json: {} })).status).toBe(200);
    expect((await c.post(cancelOf(appointment.id), { json: {} })).body.error.code).toBe('state');
    expect(await outboxOf(appointment.id)).toHaveLength(1);
  });

  test("another doctor's appointment answers 404 exactly as a missing id does; both audited not_found", async () => {
    const { appointment } = await visit();
    const { c, doctor: stranger } = await doctorClient(deps(), [cancel]);
    const theirs = await c.post(cancelOf(appointment.id), { json: {} });
    const missing = await c.post(cancelOf(MISSING), { json: {} });
    expect(theirs.status).toBe(404);
    expect(theirs.text).toBe(missing.text);
    expect((await appointmentRow(appointment.id)).status).toBe('booked');
    const audit = await deps().db.selectFrom('audit_log').select(['entity_id', 'outcome']).where('actor_id', '=', stranger.id).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity_id: appointment.id, outcome: 'not_found' },
        { entity_id: MISSING, outcome: 'not_found' },
      ]),
    );
  });

  test('bad input is 400 naming reason, and nothing is written', async () => {
    const { c, appointment } = await visit();
    for (const json of [{ reason: 'x'.repeat(501) }, { reason: 'bad\u0007bell' }, { reason: ' ' }, { reason: 7 }]) {
      const res = await c.post(cancelOf(appointment.id), { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['reason']);
    }
    expect((await appointmentRow(appointment.id)).status).toBe('booked');
    expect(await outboxOf(appointment.id)).toEqual([]);
  });

  test('signed out gets 401; a patient and an admin get 403; nothing is written', async () => {
    const { appointment } = await visit();
    await expectRefusedToOthers(deps(), [cancel], (c) => c.post(cancelOf(appointment.id), { json: {} }), expect);
    expect((await appointmentRow(appointment.id)).status).toBe('booked');
  });
});
