/**
 * GET /api/patient/exports/:id/download?format=csv|fhir: a finished export's file, as an attachment
 * (API.md "Patient", ADR 027): `text/csv` with a header row, or `application/fhir+json` (a FHIR R4 Bundle).
 * The files live in the database (export_files), so any API process serves what any worker wrote.
 * Another patient's export answers exactly as a missing one: 404; not done yet (queued, running, failed):
 * 409 `state`; past its `expiresAt`: 410 `gone`. Every download, and every refusal, is audited.
 */
import { auditRead } from '../../shared/db/audit';
import { dateInZone } from '../../shared/domain/calendar';
import { findOwnExport, isExpired } from '../../shared/exports/own-export';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, HttpError, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { requestedId } from '../../shared/patients/own-appointment';
import { ExportDownloadQuery, type ExportFormat } from '../../shared/schemas/exports';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  fhir: 'application/fhir+json; charset=utf-8',
};
const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', fhir: 'fhir.json' };

const gone = () => new HttpError(410, 'gone', 'This export has expired. Ask for a new one.');

const app = newFunction().get(
  '/patient/exports/:id/download',
  describe({
    summary: 'Download one of my exports',
    operationId: 'downloadPatientExport',
    responses: {
      200: {
        contentType: 'text/csv or application/fhir+json',
        description: 'The CSV (a header row, one row per visit) or the FHIR R4 Bundle (type `collection`)',
        headers: { 'Content-Disposition': 'attachment; filename="wardline-export-YYYY-MM-DD.csv" (or .fhir.json)', 'Cache-Control': 'no-store' },
      },
    },
    errors: {
      400: 'invalid_input: `format` is missing or not csv or fhir',
      404: 'not_found: no such export of yours',
      409: 'state: the export is not done (queued, running or failed)',
      410: 'gone: the export has expired',
    },
  }),
  requireRole('patient'),
  query(ExportDownloadQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const id = c.req.param('id');
    const { format } = c.req.valid('query');
    const now = clock();
    const row = await findOwnExport(db, user.id, id);
    const refusal = !row ? 'not_found' : row.status !== 'done' ? 'state' : isExpired(row, now) ? 'gone' : null;
    const file = refusal ? undefined : await db.selectFrom('export_files').select('content').where('export_id', '=', row!.id).where('format', '=', format).executeTakeFirst();
    await auditRead(db, {
      at: now,
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'export_download',
      entity: 'export',
      entityId: row ? row.id : requestedId(id),
      outcome: refusal ?? (file ? 'ok' : 'not_found'),
      detail: { format },
      ...requestSource(c),
    });
    if (refusal === 'not_found') throw notFound('The export');
    if (refusal === 'state') throw conflict('state', 'This export is not ready to download yet.', { status: row!.status });
    if (refusal === 'gone') throw gone();
    // A done export always has both files (written in one transaction with `done`); this is belt and braces.
    if (!file) throw notFound('The export file');
    const name = `wardline-export-${dateInZone(new Date(row!.created_at), config.hospitalTimeZone)}.${EXTENSIONS[format]}`;
    return c.body(file.content, 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
  },
);

export default app;
