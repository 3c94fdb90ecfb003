import { beforeEach, describe, expect, test } from 'vitest';
import { createDoctor } from '../../tests/support/doctors';
import { createPatient, doctorClient, expectRefusedToOthers } from '../../tests/support/doctor-work';
import { createAppointment, createTreatment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import update from './update-treatment';

const world = useTestWorld();
const deps = () => world().deps;
const pathOf = (id: string) => `/api/doctor/treatments/${id}`;
const MISSING = '0190aaaa-0000-7000-8000-000000000000';
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => world().clock.set(NOW));

async function written() {
  const { c, doctor } = await doctorClient(deps(), [update]);
  const patient = await createPatient(deps());
  const appointment = await createAppointment(deps(), { doctorId: doctor.id, patientId: patient.id, start: '2026-11-30T09:00:00.000Z', status: 'completed' });
  world().clock.set('2026-11-30T09:20:00.000Z');
  const treatment = await createTreatment(deps(), { appointmentId: appointment.id, doctorId: doctor.id, patientId: patient.id, diagnosis: 'Migraine', prescription: 'Ibuprofen', notes: 'Old note' });
  world().clock.set(NOW);
  const patch = (id: string, json: unknown) => c.call('PATCH', pathOf(id), { json });
  return { c, patch, doctor, patient, appointment, treatment };
}

const row = (id: string) => deps().db.selectFrom('treatments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditOf = (id: string) => deps().db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'treatment_update').execute();

describe('PATCH /api/doctor/treatments/:id', () => {
  test('the author corrects fields; null clears one; updated_at moves; the audit names the changed fields only', async () => {
    const { patch, doctor, patient, appointment, treatment } = await written();
    const res = await patch(treatment.id, { diagnosis: 'Tension headache', notes: null, prescription: 'Ibuprofen', nextVisit: '2026-12-10' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: treatment.id,
      appointmentId: appointment.id,
      patientId: patient.id,
      authorId: doctor.id,
      diagnosis: 'Tension headache',
      prescription: 'Ibuprofen',
      notes: null,
      nextVisit: '2026-12-10',
      createdAt: '2026-11-30T09:20:00.000Z',
      updatedAt: NOW,
    });
    expect(await row(treatment.id)).toEqual(expect.objectContaining({ diagnosis: 'Tension headache', prescription: 'Ibuprofen', notes: null, next_visit: '2026-12-10', updated_at: NOW }));
    const audit = await auditOf(treatment.id);
    expect(audit).toEqual([expect.objectContaining({ actor_id: doctor.id, actor_role: 'doctor', patient_id: patient.id, entity: 'treatment', outcome: 'ok' })]);
    // prescription was sent unchanged: not named.
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ fields: ['diagnosis', 'notes', 'nextVisit'] });
    expect(audit[0]!.detail).not.toMatch(/headache|Migraine|Ibuprofen/);
  });

  test('fields not sent are left as they are', async () => {
    const { patch, treatment } = await written();
    expect((await patch(treatment.id, { notes: 'Follow up in spring' })).status).toBe(200);
    expect(await row(treatment.id)).toEqual(expect.objectContaining({ diagnosis: 'Migraine', prescription: 'Ibuprofen', notes: 'Follow up in spring' }));
  });

  test("another doctor's treatment answers 404 exactly as a missing id; both audited not_found; nothing changes", async () => {
    const { treatment } = await written();
    const other = await doctorClient(deps(), [update]);
    const theirs = await other.c.call('PATCH', pathOf(treatment.id), { json: { diagnosis: 'Changed' } });
    const missing = await other.c.call('PATCH', pathOf(MISSING), { json: { diagnosis: 'Changed' } });
    expect(theirs.status).toBe(404);
    expect(theirs.text).toBe(missing.text);
    expect((await row(treatment.id)).diagnosis).toBe('Migraine');
    const audit = await deps().db.selectFrom('audit_log').select(['entity_id', 'outcome', 'action']).where('actor_id', '=', other.doctor.id).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity_id: treatment.id, outcome: 'not_found', action: 'treatment_update' },
        { entity_id: MISSING, outcome: 'not_found', action: 'treatment_update' },
      ]),
    );
  });

  test('unknown fields are 400 by name: a treatment is not moved to another patient or visit', async () => {
    const { patch, treatment } = await written();
    const elsewhere = await createPatient(deps());
    const other = await createDoctor(deps());
    for (const [json, field] of [
      [{ diagnosis: 'Moved', patientId: elsewhere.id }, 'patientId'],
      [{ appointmentId: MISSING }, 'appointmentId'],
      [{ doctorId: other.id, notes: 'x' }, 'doctorId'],
    ] as const) {
      const res = await patch(treatment.id, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.fields).toEqual({ [field]: 'is not a field that can be sent here' });
    }
    expect(await row(treatment.id)).toEqual(expect.objectContaining({ patient_id: treatment.patient_id, diagnosis: 'Migraine', updated_at: treatment.updated_at }));
    expect(await auditOf(treatment.id)).toEqual([]);
  });

  test('bad input is 400 naming the field; an empty body names body; nothing is written', async () => {
    const { patch, treatment } = await written();
    for (const [json, field] of [
      [{}, 'body'],
      [{ diagnosis: null }, 'diagnosis'],
      [{ diagnosis: ' ' }, 'diagnosis'],
      [{ diagnosis: 'x'.repeat(2001) }, 'diagnosis'],
      [{ prescription: 'x'.repeat(4001) }, 'prescription'],
      [{ notes: 'a\u0000b' }, 'notes'],
      [{ nextVisit: '2026-13-01' }, 'nextVisit'],
      [{ nextVisit: '2026-11-30' }, 'nextVisit'],
    ] as const) {
      const res = await patch(treatment.id, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(Object.keys(res.body.error.fields), JSON.stringify(json)).toEqual([field]);
    }
    expect((await row(treatment.id)).updated_at).toBe(treatment.updated_at);
    expect(await auditOf(treatment.id)).toEqual([]);
  });

  test('signed out gets 401; a patient (even its own) and an admin get 403', async () => {
    const { treatment } = await written();
    await expectRefusedToOthers(deps(), [update], (c) => c.call('PATCH', pathOf(treatment.id), { json: { diagnosis: 'Changed' } }), expect);
    expect((await row(treatment.id)).diagnosis).toBe('Migraine');
  });
});
