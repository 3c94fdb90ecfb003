/**
 * POST /api/admin/doctors: the admin creates a doctor's account and profile (API.md "Admin"): a user with role
 * doctor, the doctors row and an empty weekly template (the doctor sets their hours), in one transaction with
 * the audit row. The password follows the registration policy and is stored hashed. An email that has an
 * account is 409 `email_taken`; a department that does not exist is 400 naming `departmentId`. With an
 * `Idempotency-Key` the first answer is replayed to a repeat (ADR 018); the password is not part of what makes
 * two requests "the same" (nothing derived from it is stored beside the answer).
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/auth/password-policy';
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, HttpError, invalidInput } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { idempotentCreate, type Answer } from '../../shared/http/idempotency';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { AdminDoctorDto, CreateDoctorInput } from '../../shared/schemas/admin';

const DEFAULT_SLOT_MINUTES = 30;
const emailTaken = () => conflict('email_taken', 'An account with this email already exists.');
const noDepartment = () => invalidInput({ departmentId: 'must be an existing department' });

const app = newFunction().post(
  '/admin/doctors',
  describe({
    summary: 'Create a doctor',
    operationId: 'adminCreateDoctor',
    description:
      'Creates the account (role doctor) and the profile, with an empty weekly template. `slotMinutes` defaults to 30. ' +
      'Send an `Idempotency-Key` header to make a retry safe.',
    requestHeaders: { 'Idempotency-Key': '1 to 100 printable ASCII characters; a repeat within 24 hours answers the first answer again (ADR 018)' },
    responses: { 201: { schema: AdminDoctorDto, headers: { 'Idempotent-Replayed': '`true` when this is the stored answer of an earlier request with the same Idempotency-Key' } } },
    errors: {
      400: 'invalid_input: a field (a password the policy refuses, a department that does not exist), or the Idempotency-Key header, is not valid',
      409: ['email_taken: the email already has an account', 'idempotency_key_reused: the Idempotency-Key was used for a different request'],
    },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  body(CreateDoctorInput),
  async (c) => {
    const { db, clock, config, passwords } = c.env.deps;
    const admin = c.var.user;
    const input = c.req.valid('json');
    const problem = passwordProblem(input.password, { email: input.email, name: input.name, hospitalName: config.hospitalName });
    if (problem) throw invalidInput({ password: PASSWORD_PROBLEM_MESSAGES[problem] });
    const profile = {
      name: input.name,
      email: input.email,
      departmentId: input.departmentId,
      specialization: input.specialization,
      experienceYears: input.experienceYears ?? null,
      bio: input.bio ?? null,
      slotMinutes: input.slotMinutes ?? DEFAULT_SLOT_MINUTES,
    };
    const source = requestSource(c);

    return idempotentCreate(c, { userId: admin.id, body: profile }, async (claim) => {
      const [department, existing] = await Promise.all([
        db.selectFrom('departments').select(['id', 'name']).where('id', '=', profile.departmentId).executeTakeFirst(),
        db.selectFrom('users').select('id').where('email', '=', profile.email).executeTakeFirst(),
      ]);
      if (!department) throw noDepartment();
      if (existing) throw emailTaken();
      const passwordHash = await passwords.hash(input.password);
      const now = clock();
      const at = now.toISOString();
      const id = newId();
      const doctor: AdminDoctorDto = {
        id,
        name: profile.name,
        email: profile.email,
        departmentId: department.id,
        departmentName: department.name,
        specialization: profile.specialization,
        experienceYears: profile.experienceYears,
        bio: profile.bio,
        slotMinutes: profile.slotMinutes,
        status: 'active',
        createdAt: at,
      };
      const answer: Answer = { status: 201, body: doctor };
      try {
        await db.transaction().execute(async (trx) => {
          // Read again inside: a department deleted meanwhile must not be pointed at (reads before writes: D1).
          const still = await trx.selectFrom('departments').select('id').where('id', '=', department.id).executeTakeFirst();
          if (!still) throw noDepartment();
          await claim.remember(trx, answer);
          await trx
            .insertInto('users')
            .values({ id, role: 'doctor', email: profile.email, name: profile.name, password_hash: passwordHash, status: 'active', created_at: at, updated_at: at })
            .execute();
          await trx
            .insertInto('doctors')
            .values({
              user_id: id,
              department_id: department.id,
              specialization: profile.specialization,
              experience_years: profile.experienceYears,
              bio: profile.bio,
              slot_minutes: profile.slotMinutes,
              deleted_at: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
          // The weekly template starts empty: no doctor_weekly_hours rows until the doctor sets their hours.
          await writeAudit(trx, {
            at: now,
            actorId: admin.id,
            actorRole: 'admin',
            action: 'doctor_create',
            entity: 'doctor',
            entityId: id,
            detail: { departmentId: department.id },
            ...source,
          });
        });
      } catch (err) {
        if (err instanceof HttpError) throw err;
        if (isUniqueViolation(err)) throw emailTaken();
        throw err;
      }
      await bumpDashboard(c.env.deps.cache);
      return answer;
    });
  },
);

export default app;
