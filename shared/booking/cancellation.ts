/**
 * Cancelling booked appointments, the one way every path does it (the patient, the doctor, an admin's
 * blacklisting or removal of a doctor): the status change and, in the same transaction, the outbox row that
 * mails each patient the cancelling calendar file (ARCHITECTURE rule 5). Writes only: call it after every
 * read of the transaction (D1). The caller writes its own audit rows.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { JOBS, writeOutbox } from '../jobs/outbox';

/** Ids per UPDATE: D1 binds at most 100 parameters a statement. */
const IDS_PER_STATEMENT = 80;

export async function cancelBooked(
  trx: Transaction<Database>,
  appointmentIds: string[],
  change: { reason: string | null; by: string; now: Date },
): Promise<void> {
  const at = change.now.toISOString();
  for (let i = 0; i < appointmentIds.length; i += IDS_PER_STATEMENT) {
    await trx
      .updateTable('appointments')
      .set({ status: 'cancelled', cancel_reason: change.reason, cancelled_by: change.by, updated_at: at })
      .where('id', 'in', appointmentIds.slice(i, i + IDS_PER_STATEMENT))
      .where('status', '=', 'booked')
      .execute();
  }
  for (const appointmentId of appointmentIds) await writeOutbox(trx, JOBS.appointmentCancelled, { appointmentId }, at);
}
