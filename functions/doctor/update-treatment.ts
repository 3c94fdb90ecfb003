/**
 * PATCH /api/doctor/treatments/:id `{ diagnosis?, prescription?, notes?, nextVisit? }`: the author corrects
 * a treatment (API.md "Doctor"). At least one field; `null` clears one (not the diagnosis); any other field
 * (`patientId`, `appointmentId` …) is refused by name, so a treatment never moves to another patient or
 * visit. Only its author: another doctor's treatment and a missing id get the one 404 (audited
 * `not_found`). The change and its audit row (the NAMES of the fields whose value changed) are one
 * transaction.
 */
import { doctorNotFound, toDoctorTreatment } from '../../shared/booking/doctor-appointments';
import { writeAudit } from '../../shared/db/audit';
import type { TreatmentTable } from '../../shared/db/schema';
import { dateInZone } from '../../shared/domain/calendar';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { invalidInput } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { DoctorTreatmentDto, TREATMENT_FIELDS, UpdateTreatmentInput, type TreatmentField } from '../../shared/schemas/doctor';

const COLUMNS = { diagnosis: 'diagnosis', prescription: 'prescription', notes: 'notes', nextVisit: 'next_visit' } as const satisfies Record<
  TreatmentField,
  keyof TreatmentTable
>;

const app = newFunction().patch(
  '/doctor/treatments/:id',
  describe({
    summary: 'Correct a treatment',
    operationId: 'updateTreatment',
    description: 'Only its author. Any of `diagnosis`, `prescription`, `notes`, `nextVisit`, at least one; any other field is 400.',
    responses: { 200: DoctorTreatmentDto },
    errors: { 404: 'not_found: no such treatment written by this doctor' },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  body(UpdateTreatmentInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const input = c.req.valid('json');
    const now = clock();
    if (input.nextVisit && input.nextVisit < dateInZone(now, config.hospitalTimeZone)) {
      throw invalidInput({ nextVisit: 'must not be in the past' });
    }
    const id = c.req.param('id');
    const row = await db.selectFrom('treatments').selectAll().where('id', '=', id).where('doctor_id', '=', c.var.user.id).executeTakeFirst();
    if (!row) return doctorNotFound(c, 'That treatment', 'treatment_update', 'treatment', id);

    const at = now.toISOString();
    const updated = { ...row, updated_at: at };
    const changed: TreatmentField[] = [];
    // Only the fields sent are written: a correction racing another one does not undo its other fields.
    const set: Record<string, string | null> = { updated_at: at };
    for (const field of TREATMENT_FIELDS) {
      const value = input[field];
      if (value === undefined) continue;
      const column = COLUMNS[field];
      if (row[column] !== value) changed.push(field);
      (updated as Record<string, unknown>)[column] = value;
      set[column] = value;
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('treatments')
        .set(set)
        .where('id', '=', row.id)
        .execute();
      await writeAudit(trx, {
        at: now,
        actorId: c.var.user.id,
        actorRole: 'doctor',
        patientId: row.patient_id,
        action: 'treatment_update',
        entity: 'treatment',
        entityId: row.id,
        detail: { fields: changed },
        ...requestSource(c),
      });
    });
    return c.json(toDoctorTreatment(updated) satisfies DoctorTreatmentDto, 200);
  },
);

export default app;
