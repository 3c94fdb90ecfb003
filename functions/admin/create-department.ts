/**
 * POST /api/admin/departments: the admin adds a department `{ name, description? }` (API.md "Admin"). A name is
 * unique in any letter case: 409 `name_taken`. With an `Idempotency-Key` the first answer is replayed (ADR 018).
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { departmentNamed, nameTaken } from '../../shared/admin/departments';
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { HttpError } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { idempotentCreate, type Answer } from '../../shared/http/idempotency';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { CreateDepartmentInput } from '../../shared/schemas/admin';
import { DepartmentDto } from '../../shared/schemas/catalog';

const app = newFunction().post(
  '/admin/departments',
  describe({
    summary: 'Create a department',
    operationId: 'adminCreateDepartment',
    description: 'Send an `Idempotency-Key` header to make a retry safe.',
    requestHeaders: { 'Idempotency-Key': '1 to 100 printable ASCII characters; a repeat within 24 hours answers the first answer again (ADR 018)' },
    responses: { 201: { schema: DepartmentDto, headers: { 'Idempotent-Replayed': '`true` when this is the stored answer of an earlier request with the same Idempotency-Key' } } },
    errors: {
      400: 'invalid_input: a field, or the Idempotency-Key header, is not valid',
      409: ['name_taken: a department has this name (in any letter case)', 'idempotency_key_reused: the Idempotency-Key was used for a different request'],
    },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  body(CreateDepartmentInput),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const input = c.req.valid('json');
    const fields = { name: input.name, description: input.description ?? null };
    const source = requestSource(c);
    return idempotentCreate(c, { userId: admin.id, body: fields }, async (claim) => {
      const now = clock();
      const at = now.toISOString();
      const department: DepartmentDto = { id: newId(), ...fields, doctorCount: 0 };
      const answer: Answer = { status: 201, body: department };
      try {
        await db.transaction().execute(async (trx) => {
          if (await departmentNamed(trx, fields.name)) throw nameTaken();
          await claim.remember(trx, answer);
          await trx.insertInto('departments').values({ id: department.id, ...fields, created_at: at, updated_at: at }).execute();
          await writeAudit(trx, { at: now, actorId: admin.id, actorRole: 'admin', action: 'department_create', entity: 'department', entityId: department.id, ...source });
        });
      } catch (err) {
        if (err instanceof HttpError) throw err;
        if (isUniqueViolation(err)) throw nameTaken();
        throw err;
      }
      await bumpDashboard(c.env.deps.cache);
      return answer;
    });
  },
);

export default app;
