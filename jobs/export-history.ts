/**
 * Processor of JOBS.exportHistory { exportId }: builds a patient's export (CSV and FHIR R4 Bundle, ADR 027)
 * and then mails the patient that it is ready.
 *
 * Idempotent (a job can run twice):
 * - a done export is not built again; the run only makes sure the mail went (deliverOnce: once per export);
 * - a queued or half-built (running) export starts again from nothing: its files are written together
 *   with `done` in one transaction, so a run that died left no file behind, and leftovers are cleared anyway;
 * - after the LAST attempt fails, the export is marked failed with a short error, so the patient is not left
 *   watching `running` forever and may ask again (exports_one_running counts queued and running only).
 */
import type { Job } from 'bullmq';
import type { Kysely } from 'kysely';
import { writeAudit } from '../shared/db/audit';
import type { Database } from '../shared/db/schema';
import { createCsvWriter } from '../shared/exports/csv';
import { createFhirWriter } from '../shared/exports/fhir';
import { countVisits, visitBatches } from '../shared/exports/visits';
import { deliverOnce } from '../shared/mail/deliver-once';
import { exportReadyEmail } from '../shared/mail/messages/export-ready';
import type { Deps } from '../shared/runtime/deps';
import type { Processor } from './processors';

const HOUR_MS = 3_600_000;

export const process: Processor = async (deps, payload, job) => {
  const exportId = String(payload.exportId);
  const row = await deps.db.selectFrom('exports').select(['status']).where('id', '=', exportId).executeTakeFirst();
  if (!row) {
    deps.log.warn('export job for a missing export', { exportId });
    return;
  }
  if (row.status === 'failed') {
    deps.log.warn('export job for a failed export: nothing to do', { exportId });
    return;
  }
  try {
    if (row.status !== 'done') {
      const built = await buildExport(deps, exportId);
      if (!built) return;
    }
    await mailReady(deps, exportId);
  } catch (err) {
    if (isLastAttempt(job)) await markFailed(deps, exportId, err);
    throw err;
  }
};

function isLastAttempt(job: Job | undefined): boolean {
  return !job || job.attemptsMade + 1 >= (job.opts?.attempts ?? 1);
}

/** Builds both files and marks the export done; false when the export is no longer this run's to build. */
export async function buildExport(deps: Deps, exportId: string): Promise<boolean> {
  const { db, clock, config } = deps;
  const started = await db
    .updateTable('exports')
    .set({ status: 'running', progress: 0, total: null, error: null })
    .where('id', '=', exportId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (Number(started.numUpdatedRows) === 0) return false;
  // A run that died after writing files (it cannot: they are written with `done`) leaves nothing to trip on.
  await db.deleteFrom('export_files').where('export_id', '=', exportId).execute();

  const { patient_id: patientId } = await db.selectFrom('exports').select('patient_id').where('id', '=', exportId).executeTakeFirstOrThrow();
  const patient = await readPatient(db, patientId);
  const total = await countVisits(db, patientId);
  await db.updateTable('exports').set({ total }).where('id', '=', exportId).execute();

  const csv = createCsvWriter({ id: patient.id, name: patient.name }, config.hospitalTimeZone);
  const fhir = createFhirWriter({ id: exportId, timestamp: clock().toISOString() }, patient);
  let progress = 0;
  for await (const batch of visitBatches(db, patientId)) {
    await csv.write(batch);
    fhir.write(batch);
    progress += batch.length;
    await db.updateTable('exports').set({ progress }).where('id', '=', exportId).where('status', '=', 'running').execute();
  }
  const files = { csv: await csv.finish(), fhir: fhir.finish() };

  const now = clock();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('export_files')
      .values((['csv', 'fhir'] as const).map((format) => ({ export_id: exportId, format, content: files[format], bytes: Buffer.byteLength(files[format]) })))
      .execute();
    await trx
      .updateTable('exports')
      .set({
        status: 'done',
        progress,
        // Visits completed while the export ran are in the files too: the total says what was written.
        total: progress,
        finished_at: now.toISOString(),
        expires_at: new Date(now.getTime() + config.background.exportTtlHours * HOUR_MS).toISOString(),
      })
      .where('id', '=', exportId)
      .execute();
    // The worker read the whole record: the patient's access log shows it (ARCHITECTURE rule 8).
    await writeAudit(trx, { at: now, actorId: null, patientId, action: 'export_build', entity: 'export', entityId: exportId, detail: { visits: progress } });
  });
  return true;
}

async function readPatient(db: Kysely<Database>, patientId: string) {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('patients as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'p.phone', 'p.date_of_birth', 'p.gender', 'p.address'])
    .where('u.id', '=', patientId)
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, dateOfBirth: row.date_of_birth, gender: row.gender, address: row.address };
}

async function mailReady(deps: Deps, exportId: string): Promise<void> {
  const row = await deps.db
    .selectFrom('exports as e')
    .innerJoin('users as u', 'u.id', 'e.patient_id')
    .select(['u.name', 'u.email', 'e.expires_at'])
    .where('e.id', '=', exportId)
    .executeTakeFirstOrThrow();
  const content = exportReadyEmail(deps.config, { exportId, patientName: row.name, expiresAt: row.expires_at! });
  await deliverOnce(deps, { kind: 'export_ready', subjectId: exportId, message: { to: row.email, ...content } });
}

async function markFailed(deps: Deps, exportId: string, err: unknown): Promise<void> {
  const reason = err instanceof Error ? err.message : String(err);
  try {
    await deps.db
      .updateTable('exports')
      .set({ status: 'failed', error: `The export could not be made: ${reason}`.slice(0, 200), finished_at: deps.clock().toISOString() })
      .where('id', '=', exportId)
      .where('status', 'in', ['queued', 'running'])
      .execute();
  } catch (markErr) {
    deps.log.error('could not mark an export failed', { exportId, error: String(markErr) });
  }
}
