/**
 * Row locks for the few read-then-write transactions whose check must not go stale before the write:
 * a booking's open-appointment cap, and an availability change's "no booked appointment is stranded".
 * On SQLite every transaction begins IMMEDIATE (shared/runtime/node/database.ts), so writers are already
 * one at a time; on PostgreSQL `SELECT … FOR UPDATE` on the owning row makes the transactions that touch
 * the same doctor or patient take turns; D1 has no interactive transactions, and there the unique indexes
 * alone decide (ADR 019).
 */
import { sql, type Transaction } from 'kysely';
import { isPostgres } from './dialect';
import type { Database } from './schema';

/** Holds the doctor's row until the transaction ends (PostgreSQL; elsewhere a no-op, see above). */
export async function lockDoctor(trx: Transaction<Database>, doctorId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select user_id from doctors where user_id = ${doctorId} for update`.execute(trx);
}

/** Holds the patient's row until the transaction ends (PostgreSQL; elsewhere a no-op, see above). */
export async function lockPatient(trx: Transaction<Database>, patientId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select user_id from patients where user_id = ${patientId} for update`.execute(trx);
}
