/**
 * The audit trail's hash chain (issue 8 item 4, ADR 023). Audit rows are inserted unsealed by writeAudit and
 * auditRead (shared/db/audit.ts), inside whatever transaction they belong to; `sealAudit` then gives the
 * unsealed rows, in order, the next places in one chain: `seq` (1, 2, 3 … without gaps), `prev_hash` (the
 * hash of the row before) and `hash = sha256(prev_hash | canonical content with seq)`, and moves the head
 * row (audit_chain_head) to the last of them, all in one short transaction.
 *
 * Sealers take turns: on PostgreSQL the head row is read `for update`, on SQLite every transaction begins
 * IMMEDIATE, and on D1 (no locks, reads before writes) a sealer that read a stale head collides with the
 * unique index on `seq` at commit, its whole batch rolls back, and it tries again (ADR 023 argues why a
 * stale sealer that does not collide writes exactly what the winner would have).
 *
 * `verifyAudit` walks the sealed chain page by page and names the first row whose place or hash is wrong.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kysely, Selectable } from 'kysely';
import { lockedOnPostgres } from './dialect';
import { isUniqueViolation } from './errors';
import type { AuditLogTable, Database } from './schema';

/** The prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Rows sealed per transaction: one UPDATE each, so a D1 batch and a lock stay short. */
const SEAL_BATCH = 200;
/** A sealer that lost a race (D1) tries again this many times before giving up; the next one will seal. */
const SEAL_ATTEMPTS = 8;
/** Rows read per page while verifying. */
const VERIFY_PAGE = 1000;

/** The columns a row's hash covers (everything but the chain's own three). */
const CONTENT = ['id', 'at', 'actor_id', 'actor_role', 'patient_id', 'outcome', 'action', 'entity', 'entity_id', 'ip', 'user_agent', 'detail'] as const;
type Content = Pick<Selectable<AuditLogTable>, (typeof CONTENT)[number]>;

/** The row's content in one fixed form: a JSON array in a fixed column order, its place first. */
export function canonicalContent(seq: number, row: Content): string {
  return JSON.stringify([seq, ...CONTENT.map((column) => row[column] ?? null)]);
}

export function chainHash(prevHash: string, seq: number, row: Content): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}|${canonicalContent(seq, row)}`)));
}

/**
 * Seals every row unsealed at the time of the call (and any that arrive meanwhile, batch by batch);
 * answers how many this call sealed. Safe to run from any number of processes at once.
 */
export async function sealAudit(db: Kysely<Database>): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await sealBatch(db);
    sealed += n;
    if (n < SEAL_BATCH) return sealed;
  }
}

async function sealBatch(db: Kysely<Database>): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        // Reads first, then writes only (D1, shared/runtime/worker/d1-database.ts).
        const head = await lockedOnPostgres(trx, trx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1)).executeTakeFirstOrThrow();
        const rows = await trx
          .selectFrom('audit_log')
          .select(CONTENT)
          .where('seq', 'is', null)
          .orderBy('at')
          .orderBy('id')
          .limit(SEAL_BATCH)
          .execute();
        if (rows.length === 0) return 0;
        let seq = Number(head.seq);
        let prev = head.hash;
        for (const row of rows) {
          seq += 1;
          const hash = chainHash(prev, seq, row);
          await trx.updateTable('audit_log').set({ seq, prev_hash: prev, hash }).where('id', '=', row.id).where('seq', 'is', null).execute();
          prev = hash;
        }
        // Forward only: a stale D1 sealer whose rows were all sealed already must not move it back.
        await trx.updateTable('audit_chain_head').set({ seq, hash: prev }).where('id', '=', 1).where('seq', '<', seq).execute();
        return rows.length;
      });
    } catch (err) {
      // Another sealer took these places first (D1): read the head again.
      if (!isUniqueViolation(err) || attempt >= SEAL_ATTEMPTS) throw err;
    }
  }
}

export interface ChainReport {
  ok: boolean;
  /** Sealed rows checked (up to the first broken one). */
  checked: number;
  /** The first row whose place, prev_hash or hash is wrong. */
  firstBrokenId?: string;
  /** Its seq, or the place where rows are missing when the chain ends before its head says it does. */
  firstBrokenSeq?: number;
}

/**
 * Walks the sealed chain from seq 1 up to the head, VERIFY_PAGE rows at a time (never the whole table in
 * memory). Rows sealed after the head was read are left for the next walk. A row edited by hand, a row
 * removed (the next one's place or prev_hash is wrong) and a tail cut off (the head says more) all show.
 * Unsealed rows are not covered: seal first (the endpoint and `npm run audit:verify` do).
 */
export async function verifyAudit(db: Kysely<Database>, pageSize = VERIFY_PAGE): Promise<ChainReport> {
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const last = Number(head.seq);
  let expected = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  while (expected <= last) {
    const rows = await db
      .selectFrom('audit_log')
      .select([...CONTENT, 'seq', 'prev_hash', 'hash'])
      .where('seq', '>=', expected)
      .where('seq', '<=', last)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected || row.prev_hash !== prev || row.hash !== chainHash(prev, seq, row)) {
        return { ok: false, checked, firstBrokenId: row.id, firstBrokenSeq: seq };
      }
      prev = row.hash;
      expected += 1;
      checked += 1;
    }
  }
  if (expected <= last || prev !== head.hash) return { ok: false, checked, firstBrokenSeq: expected };
  return { ok: true, checked };
}
