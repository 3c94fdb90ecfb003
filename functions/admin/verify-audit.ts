/**
 * GET /api/admin/audit/verify: walks the audit trail's hash chain and says whether it holds, how many rows
 * it checked and, when it does not, the first broken row (ADR 023). Rows still unsealed are sealed first,
 * so the walk covers everything written until now. The check is itself an admin action in the trail.
 */
import { auditRead } from '../../shared/db/audit';
import { sealAudit, verifyAudit } from '../../shared/db/audit-chain';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AuditVerifyResult } from '../../shared/schemas/audit';

const app = newFunction().get(
  '/admin/audit/verify',
  describe({
    summary: 'Verify the audit hash chain',
    operationId: 'verifyAuditChain',
    description: 'Seals any unsealed rows, then walks the chain from the first row to its head, page by page.',
    responses: { 200: AuditVerifyResult },
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    await sealAudit(db);
    const report = await verifyAudit(db);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'admin',
      action: 'audit_verify',
      entity: 'audit_log',
      outcome: report.ok ? 'ok' : 'broken',
      ...requestSource(c),
    });
    return c.json(report satisfies AuditVerifyResult, 200);
  },
);

export default app;
