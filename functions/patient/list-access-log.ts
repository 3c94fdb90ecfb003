/**
 * GET /api/patient/access-log?page=&pageSize=: who has looked at or changed this patient's record, from the
 * audit trail, most recent first: `{ items: [{ at, actorName, actorRole, action, outcome }], total }`.
 * The patient's own reads are there under their own name; a row the system wrote with nobody signed in has
 * `actorName: null`. Reading the log is itself audited and listed like any other read (the read being
 * answered is not in its own answer: its row is written just after the query); nothing is hidden, so
 * the log is the whole trail for this patient.
 */
import { auditRead } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { ListOf, pageWindow } from '../../shared/schemas/lists';
import { AccessLogEntry, PageOnlyQuery } from '../../shared/schemas/patient';

const app = newFunction().get(
  '/patient/access-log',
  describe({
    summary: 'Who has seen or changed my record',
    operationId: 'listPatientAccessLog',
    responses: { 200: ListOf(AccessLogEntry) },
  }),
  requireRole('patient'),
  query(PageOnlyQuery),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const [rows, counted] = await Promise.all([
      db
        .selectFrom('audit_log as l')
        .leftJoin('users as u', 'u.id', 'l.actor_id')
        .select(['l.at', 'l.action', 'l.outcome', 'l.actor_role', 'u.role as user_role', 'u.name as actor_name'])
        .where('l.patient_id', '=', user.id)
        .orderBy('l.at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      db.selectFrom('audit_log as l').select((eb) => eb.fn.countAll().as('n')).where('l.patient_id', '=', user.id).executeTakeFirstOrThrow(),
    ]);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'access_log_read',
      entity: 'audit_log',
      ...requestSource(c),
    });
    const items: AccessLogEntry[] = rows.map((row) => ({
      at: row.at,
      actorName: row.actor_name ?? null,
      actorRole: row.actor_role ?? row.user_role ?? null,
      action: row.action,
      outcome: row.outcome ?? 'ok',
    }));
    return c.json({ items, total: Number(counted.n) }, 200);
  },
);

export default app;
