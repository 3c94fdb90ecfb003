/**
 * PATCH /api/admin/doctors/:id: the admin changes a doctor's profile: any of name, departmentId, specialization,
 * experienceYears, bio, slotMinutes (API.md "Admin"). Not the email, the password or the role: sending one is 400
 * naming it. A department that does not exist is 400 naming `departmentId`. A new slot length strands no
 * appointment: each keeps the time it was booked with. Answers the doctor as they now are.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { loadAdminDoctor } from '../../shared/admin/doctors';
import { writeAudit } from '../../shared/db/audit';
import type { Updateable } from 'kysely';
import type { DoctorTable } from '../../shared/db/schema';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { invalidInput, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { AdminDoctorDto, DOCTOR_PROFILE_FIELDS, UpdateDoctorInput } from '../../shared/schemas/admin';

const COLUMNS = {
  departmentId: 'department_id',
  specialization: 'specialization',
  experienceYears: 'experience_years',
  bio: 'bio',
  slotMinutes: 'slot_minutes',
} as const satisfies Record<Exclude<(typeof DOCTOR_PROFILE_FIELDS)[number], 'name'>, keyof DoctorTable>;

const app = newFunction().patch(
  '/admin/doctors/:id',
  describe({
    summary: "Change a doctor's profile",
    operationId: 'adminUpdateDoctor',
    responses: { 200: AdminDoctorDto },
    errors: { 400: 'invalid_input: a field is not valid, the department does not exist, or email, password or role was sent', 404: 'not_found: no such doctor' },
  }),
  requireRole('admin'),
  body(UpdateDoctorInput),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const input = c.req.valid('json');
    const now = clock();
    const at = now.toISOString();
    const source = requestSource(c);

    const doctor = await db.transaction().execute(async (trx) => {
      // Every read before the first write (D1).
      const [current, department] = await Promise.all([
        loadAdminDoctor(trx, id),
        input.departmentId === undefined
          ? Promise.resolve(undefined)
          : trx.selectFrom('departments').select(['id', 'name']).where('id', '=', input.departmentId).executeTakeFirst(),
      ]);
      if (!current) return undefined;
      if (input.departmentId !== undefined && !department) throw invalidInput({ departmentId: 'must be an existing department' });
      const changed = DOCTOR_PROFILE_FIELDS.filter((f) => input[f] !== undefined && input[f] !== current[f]);
      if (changed.includes('name')) await trx.updateTable('users').set({ name: input.name!, updated_at: at }).where('id', '=', id).execute();
      const columns: Record<string, string | number | null> = {};
      for (const field of changed) if (field !== 'name') columns[COLUMNS[field]] = input[field] ?? null;
      if (Object.keys(columns).length > 0) await trx.updateTable('doctors').set({ ...(columns as Updateable<DoctorTable>), updated_at: at }).where('user_id', '=', id).execute();
      await writeAudit(trx, {
        at: now,
        actorId: admin.id,
        actorRole: 'admin',
        action: 'doctor_update',
        entity: 'doctor',
        entityId: id,
        detail: { fields: changed },
        ...source,
      });
      const updated: AdminDoctorDto = { ...current };
      for (const field of changed) Object.assign(updated, { [field]: input[field] ?? null });
      if (department) updated.departmentName = department.name;
      return updated;
    });
    if (!doctor) throw notFound('That doctor');
    // The admin dashboard's numbers may have moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(doctor satisfies AdminDoctorDto, 200);
  },
);

export default app;
