/**
 * GET /api/admin/audit?actorId=&patientId=&action=&outcome=&from=&to=&page=&pageSize=: the audit trail for
 * admins, newest first, with the actor's name: `{ items: [{ id, seq, at, actorId, actorName, actorRole, action,
 * entity, entityId, patientId, ip, userAgent, outcome }], total }`. `from` and `to` are calendar dates in the
 * hospital's zone, both included. Unsealed rows are sealed first, so every row listed has its place in the
 * chain (ADR 023). The listing is itself an admin action in the trail (its own row shows from the next list on).
 */
import { auditRead } from '../../shared/db/audit';
import { sealAudit } from '../../shared/db/audit-chain';
import { addDays, instantAt } from '../../shared/domain/zoned-time';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { AuditList, AuditListQuery, type AuditRecord } from '../../shared/schemas/audit';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/admin/audit',
  describe({
    summary: 'The audit trail',
    operationId: 'listAuditRecords',
    description: 'Newest first, with filters; `from`/`to` are calendar dates in the hospital time zone, both included.',
    responses: { 200: AuditList },
  }),
  requireRole('admin'),
  query(AuditListQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const q = c.req.valid('query');
    const { offset, limit } = pageWindow(q);
    const zone = config.hospitalTimeZone;
    await sealAudit(db);

    let filtered = db.selectFrom('audit_log as l');
    if (q.actorId) filtered = filtered.where('l.actor_id', '=', q.actorId);
    if (q.patientId) filtered = filtered.where('l.patient_id', '=', q.patientId);
    if (q.action) filtered = filtered.where('l.action', '=', q.action);
    // A row written before outcomes were recorded has none: it counts as ok (as the answer shows it).
    if (q.outcome) filtered = q.outcome === 'ok' ? filtered.where((eb) => eb.or([eb('l.outcome', '=', 'ok'), eb('l.outcome', 'is', null)])) : filtered.where('l.outcome', '=', q.outcome);
    if (q.from) filtered = filtered.where('l.at', '>=', instantAt(q.from, '00:00', zone).toISOString());
    if (q.to) filtered = filtered.where('l.at', '<', instantAt(addDays(q.to, 1), '00:00', zone).toISOString());

    const [rows, counted] = await Promise.all([
      filtered
        .leftJoin('users as u', 'u.id', 'l.actor_id')
        .select(['l.id', 'l.seq', 'l.at', 'l.actor_id', 'u.name as actor_name', 'l.actor_role', 'u.role as user_role', 'l.action', 'l.entity', 'l.entity_id', 'l.patient_id', 'l.ip', 'l.user_agent', 'l.outcome'])
        .orderBy('l.at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'admin',
      patientId: q.patientId ?? null,
      action: 'audit_list',
      entity: 'audit_log',
      detail: { filters: Object.keys(q).filter((k) => k !== 'page' && k !== 'pageSize' && q[k as keyof typeof q] !== undefined) },
      ...requestSource(c),
    });
    const items: AuditRecord[] = rows.map((row) => ({
      id: row.id,
      seq: row.seq === null ? null : Number(row.seq),
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name ?? null,
      actorRole: row.actor_role ?? (row.actor_id ? (row.user_role ?? null) : null),
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      patientId: row.patient_id,
      ip: row.ip,
      userAgent: row.user_agent,
      outcome: row.outcome ?? 'ok',
    }));
    return c.json({ items, total: Number(counted.n) }, 200);
  },
);

export default app;
