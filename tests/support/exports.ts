/**
 * Patient exports in tests: an export row straight in the database in any state, and the hand-over of an
 * export's outbox row to the queue (what the relay does; the relay is another part of issue 9).
 */
import type { ExportStatus } from '../../shared/db/schema';
import { newId } from '../../shared/ids';
import { JOBS } from '../../shared/jobs/names';
import type { Deps } from '../../shared/runtime/deps';

export async function insertExport(
  deps: Deps,
  fields: { patientId: string; status?: ExportStatus; createdAt?: string; expiresAt?: string | null; files?: { csv: string; fhir: string } },
) {
  const id = newId();
  const status = fields.status ?? 'done';
  const at = fields.createdAt ?? deps.clock().toISOString();
  const row = {
    id,
    patient_id: fields.patientId,
    status,
    location: null,
    error: null,
    created_at: at,
    finished_at: status === 'done' ? at : null,
    expires_at: fields.expiresAt !== undefined ? fields.expiresAt : status === 'done' ? new Date(Date.parse(at) + 72 * 3_600_000).toISOString() : null,
    progress: 0,
    total: null,
  };
  await deps.db.insertInto('exports').values(row).execute();
  if (fields.files) {
    await deps.db
      .insertInto('export_files')
      .values([
        { export_id: id, format: 'csv', content: fields.files.csv, bytes: Buffer.byteLength(fields.files.csv) },
        { export_id: id, format: 'fhir', content: fields.files.fhir, bytes: Buffer.byteLength(fields.files.fhir) },
      ])
      .execute();
  }
  return row;
}

/** The outbox row that POST /api/patient/exports wrote for this export. */
export async function exportOutboxRow(deps: Deps, exportId: string) {
  const rows = await deps.db.selectFrom('outbox').selectAll().where('job', '=', JOBS.exportHistory).execute();
  return rows.find((r) => (JSON.parse(r.payload) as { exportId?: string }).exportId === exportId);
}

/** Hands the export's outbox row to the queue as the relay would: its id as the job id. */
export async function relayExport(deps: Deps, exportId: string): Promise<void> {
  const row = await exportOutboxRow(deps, exportId);
  if (!row) throw new Error(`no outbox row for export ${exportId}`);
  await deps.jobs.enqueue(row.job, JSON.parse(row.payload) as Record<string, string>, { jobId: row.id });
}
