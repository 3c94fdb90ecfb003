/**
 * GET /api/patient/exports?page=&pageSize=: the patient's own exports, newest first:
 * `{ items: [{ id, status, createdAt, finishedAt, expiresAt, progress, total }], total }`. The read is audited.
 */
import { auditRead } from '../../shared/db/audit';
import { toPatientExport } from '../../shared/exports/own-export';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { ExportListQuery, PatientExport } from '../../shared/schemas/exports';
import { ListOf, pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/patient/exports',
  describe({
    summary: 'My exports',
    operationId: 'listPatientExports',
    responses: { 200: ListOf(PatientExport) },
  }),
  requireRole('patient'),
  query(ExportListQuery),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const [rows, counted] = await Promise.all([
      db
        .selectFrom('exports')
        .selectAll()
        .where('patient_id', '=', user.id)
        // Ids are UUIDv7: the id breaks a tie of two exports made in the same millisecond, newest first too.
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      db.selectFrom('exports').select((eb) => eb.fn.countAll().as('n')).where('patient_id', '=', user.id).executeTakeFirstOrThrow(),
    ]);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'export_list',
      entity: 'export',
      ...requestSource(c),
    });
    return c.json({ items: rows.map(toPatientExport), total: Number(counted.n) }, 200);
  },
);

export default app;
