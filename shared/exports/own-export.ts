/**
 * One export of the signed-in patient, for the endpoints that read one by id. Another patient's export and
 * a missing one are the same thing here: not found (API.md: never reveal others' ids).
 */
import type { Kysely } from 'kysely';
import type { Database, Export } from '../db/schema';
import type { PatientExport } from '../schemas/exports';

export function findOwnExport(db: Kysely<Database>, patientId: string, id: string): Promise<Export | undefined> {
  return db.selectFrom('exports').selectAll().where('id', '=', id).where('patient_id', '=', patientId).executeTakeFirst();
}

export function toPatientExport(row: Export): PatientExport {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    expiresAt: row.expires_at,
    progress: Number(row.progress),
    total: row.total === null ? null : Number(row.total),
  };
}

/** Whether a done export's files are past their time (410 `gone` from then on). */
export function isExpired(row: Pick<Export, 'expires_at'>, now: Date): boolean {
  return row.expires_at !== null && row.expires_at <= now.toISOString();
}
