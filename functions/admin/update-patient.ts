/**
 * PATCH /api/admin/patients/:id: the admin changes a patient's profile, the same fields and rules as the
 * patient's own PATCH /api/patient/profile (its schema): any of name, phone, dateOfBirth, gender, address,
 * bloodGroup; `id` and `email` are refused by name. One transaction with the audit row, which names the
 * patient and the fields that changed. Answers the patient as they now are.
 */
import { loadAdminPatient } from '../../shared/admin/patients';
import { writeAudit } from '../../shared/db/audit';
import { dateInZone } from '../../shared/domain/calendar';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { invalidInput, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { AdminPatientDto } from '../../shared/schemas/admin';
import { PROFILE_FIELDS, UpdateProfileInput } from '../../shared/schemas/patient';

const PATIENT_COLUMNS = { phone: 'phone', dateOfBirth: 'date_of_birth', gender: 'gender', address: 'address', bloodGroup: 'blood_group' } as const;

const app = newFunction().patch(
  '/admin/patients/:id',
  describe({ summary: "Change a patient's profile", operationId: 'adminUpdatePatient', responses: { 200: AdminPatientDto }, errors: { 404: 'not_found: no such patient' } }),
  requireRole('admin'),
  body(UpdateProfileInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const input = c.req.valid('json');
    const now = clock();
    if (input.dateOfBirth && input.dateOfBirth > dateInZone(now, config.hospitalTimeZone)) throw invalidInput({ dateOfBirth: 'must not be in the future' });
    const at = now.toISOString();
    const source = requestSource(c);
    const patient = await db.transaction().execute(async (trx) => {
      const current = await loadAdminPatient(trx, id);
      if (!current) return undefined;
      const changed = PROFILE_FIELDS.filter((f) => input[f] !== undefined && input[f] !== current[f]);
      if (changed.includes('name')) await trx.updateTable('users').set({ name: input.name!, updated_at: at }).where('id', '=', id).execute();
      const columns: Record<string, string | null> = {};
      for (const f of changed) if (f !== 'name') columns[PATIENT_COLUMNS[f]] = input[f] ?? null;
      if (Object.keys(columns).length > 0) await trx.updateTable('patients').set({ ...columns, updated_at: at }).where('user_id', '=', id).execute();
      await writeAudit(trx, {
        at: now,
        actorId: admin.id,
        actorRole: 'admin',
        patientId: id,
        action: 'profile_update',
        entity: 'patient',
        entityId: id,
        detail: { fields: changed },
        ...source,
      });
      const updated: AdminPatientDto = { ...current };
      for (const f of changed) Object.assign(updated, { [f]: input[f] ?? null });
      return updated;
    });
    if (!patient) throw notFound('That patient');
    return c.json(patient satisfies AdminPatientDto, 200);
  },
);

export default app;
