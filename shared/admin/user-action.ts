/**
 * What an admin's action on one account (`/api/admin/users/:id/...`) starts with: the user, and the audit entry
 * each of its outcomes writes (the admin, the user, the patient when the user is one, where from). An unknown id
 * is audited as `not_found` and answered 404, the same for every such endpoint.
 */
import type { Context } from 'hono';
import { writeAudit, type AuditEntry } from '../db/audit';
import { requestSource } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { notFound } from '../http/errors';
import { loadUser, type AdminTargetUser } from './users';

export async function userActionTarget(c: Context<AppEnv>, action: string): Promise<{ target: AdminTargetUser; audit: AuditEntry }> {
  const { db, clock } = c.env.deps;
  const id = c.req.param('id') ?? '';
  const target = await loadUser(db, id);
  const audit: AuditEntry = {
    at: clock(),
    actorId: c.var.user.id,
    actorRole: 'admin',
    patientId: target?.role === 'patient' ? target.id : null,
    action,
    entity: 'user',
    entityId: id,
    ...requestSource(c),
  };
  if (!target) {
    await writeAudit(db, { ...audit, outcome: 'not_found' });
    throw notFound('That user');
  }
  return { target, audit };
}
