/**
 * The audit trail (ARCHITECTURE rule 8). Call it inside the same transaction as the change it
 * records. `detail` holds ids and field names only, never clinical values or passwords.
 * `actorId` is who did it (null when nobody is signed in: a failed sign-in records the account as the
 * subject, `entityId`, never as the actor); `ip` and `userAgent` say where from (`requestSource(c)`).
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { newId } from '../ids';
import { validAddress } from '../net/trust-proxy';
import type { AuditLogTable, Database, Role } from './schema';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  actorRole?: Role | null;
  /** Whose record was read or changed: the patient's access log reads by it. */
  patientId?: string | null;
  /** `ok` unless said otherwise (`not_found` for someone else's object, the refusing error code …). */
  outcome?: string;
  action: string;
  entity: string;
  entityId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Record<string, string | number | boolean | string[]>;
}

/** Writes one row; answers its id (a job may name the row: the new-device notice reads where from). */
export async function writeAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<string> {
  const row = auditRow(entry);
  await db.insertInto('audit_log').values(row).execute();
  return row.id;
}

function auditRow(entry: AuditEntry): Insertable<AuditLogTable> {
  return {
    id: newId(),
    at: entry.at.toISOString(),
    actor_id: entry.actorId,
    actor_role: entry.actorRole ?? null,
    patient_id: entry.patientId ?? null,
    outcome: entry.outcome ?? 'ok',
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    // Whatever the caller passed, only a real address is stored.
    ip: validAddress(entry.ip),
    user_agent: entry.userAgent?.slice(0, 256) ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
}

/** Rows per INSERT: D1 binds at most 100 parameters a statement, and a row has 13. */
const ROWS_PER_INSERT = 7;
/** A batch holds at most this many rows; the next read starts another (one INSERT transaction stays short). */
const MAX_BATCH = 200;

interface PendingRead {
  rows: Insertable<AuditLogTable>[];
  done: Promise<void>;
}

/**
 * How long a batch gathers rows before its commit. A commit with synchronous=FULL costs some 0.4 ms of
 * fsync here, and a read answers in well under that, so a turn of the event loop gathers only a few reads;
 * 2 ms gathers a crowd's worth for one commit, at 2 ms more per audited read.
 */
const GROUP_COMMIT_MS = 2;

const pendingReads = new WeakMap<object, PendingRead>();

/**
 * Records a READ of a patient's record (ADR 017). Reads change nothing, so there is no transaction to
 * join; instead the rows of every read in flight are written together, in one transaction a moment
 * (GROUP_COMMIT_MS) later (a group commit), and each caller waits for that commit. Under a crowd of readers the
 * disk sees one commit for many reads instead of one per read, and no answer leaves before its row is stored.
 */
export function auditRead(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  let batch = pendingReads.get(db);
  if (!batch || batch.rows.length >= MAX_BATCH) {
    const rows: Insertable<AuditLogTable>[] = [];
    const created: PendingRead = {
      rows,
      done: new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          if (pendingReads.get(db) === created) pendingReads.delete(db);
          writeRows(db, rows).then(resolve, reject);
        }, GROUP_COMMIT_MS);
      }),
    };
    batch = created;
    pendingReads.set(db, batch);
  }
  batch.rows.push(auditRow(entry));
  return batch.done;
}

async function writeRows(db: Kysely<Database>, rows: Insertable<AuditLogTable>[]): Promise<void> {
  if (rows.length <= ROWS_PER_INSERT) {
    await db.insertInto('audit_log').values(rows).execute();
    return;
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx.insertInto('audit_log').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
    }
  });
}
