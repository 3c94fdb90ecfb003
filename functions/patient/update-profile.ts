/**
 * PATCH /api/patient/profile: the patient changes any of name, phone, dateOfBirth, gender, address and
 * bloodGroup (API.md "Patient"); `null` clears one (not the name). Sending `id` or `email` is 400 naming the
 * field ("cannot be changed here") rather than silently ignored; an empty change is 400 too. The account's
 * name and the patient row change in one transaction with the audit row, whose detail names the fields that
 * changed, never their values. Answers the profile as it now is.
 */
import { writeAudit } from '../../shared/db/audit';
import type { PatientTable } from '../../shared/db/schema';
import { dateInZone } from '../../shared/domain/calendar';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { invalidInput, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { loadProfile } from '../../shared/patients/profile';
import { PatientProfile, PROFILE_FIELDS, UpdateProfileInput, type ProfileField } from '../../shared/schemas/patient';

/** Where each field of the patients row lives (the name is the account's). */
const PATIENT_COLUMNS = {
  phone: 'phone',
  dateOfBirth: 'date_of_birth',
  gender: 'gender',
  address: 'address',
  bloodGroup: 'blood_group',
} as const satisfies Record<Exclude<ProfileField, 'name'>, keyof PatientTable>;

const app = newFunction().patch(
  '/patient/profile',
  describe({
    summary: 'Change my profile',
    operationId: 'updatePatientProfile',
    responses: { 200: PatientProfile },
    errors: { 404: 'not_found: the account has no patient record' },
  }),
  requireRole('patient'),
  body(UpdateProfileInput),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const input = c.req.valid('json');
    const now = clock();
    if (input.dateOfBirth && input.dateOfBirth > dateInZone(now, config.hospitalTimeZone)) {
      throw invalidInput({ dateOfBirth: 'must not be in the future' });
    }
    const source = requestSource(c);
    const at = now.toISOString();

    const profile = await db.transaction().execute(async (trx) => {
      // Every read before the first write (D1 runs a transaction's statements as one batch).
      const current = await loadProfile(trx, user.id);
      if (!current) return undefined;
      const changed = PROFILE_FIELDS.filter((field) => input[field] !== undefined && input[field] !== current[field]);
      if (changed.includes('name')) {
        await trx.updateTable('users').set({ name: input.name!, updated_at: at }).where('id', '=', user.id).execute();
      }
      const columns: Partial<Record<(typeof PATIENT_COLUMNS)[keyof typeof PATIENT_COLUMNS], string | null>> = {};
      for (const field of changed) if (field !== 'name') columns[PATIENT_COLUMNS[field]] = input[field] ?? null;
      if (Object.keys(columns).length > 0) {
        await trx.updateTable('patients').set({ ...columns, updated_at: at }).where('user_id', '=', user.id).execute();
      }
      await writeAudit(trx, {
        at: now,
        actorId: user.id,
        actorRole: 'patient',
        patientId: user.id,
        action: 'profile_update',
        entity: 'patient',
        entityId: user.id,
        detail: { fields: changed },
        ...source,
      });
      const updated: PatientProfile = { ...current };
      for (const field of changed) Object.assign(updated, { [field]: input[field] ?? null });
      return updated;
    });
    if (!profile) throw notFound('Your patient record');
    return c.json(profile, 200);
  },
);

export default app;
