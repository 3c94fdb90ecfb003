/**
 * The audit trail's two writers: writeAudit inside a change's transaction, and auditRead's group commit for
 * reads (ADR 017). A plugin watches the INSERT statements that reach the database; a second connection of
 * its own (a separate SQLite connection, or a separate PostgreSQL pool) sees only committed rows.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { newId } from '../ids';
import { openDatabase } from '../runtime/node/database';
import { auditRead, writeAudit, type AuditEntry } from './audit';

const world = useTestWorld();

/** Counts INSERTs into audit_log, and fails them on demand. */
class InsertWatch implements KyselyPlugin {
  inserts = 0;
  fail = false;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'InsertQueryNode') {
      if (this.fail) throw new Error('the disk is full (a test failure)');
      this.inserts += 1;
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function readOf(tag: string, i: number): AuditEntry {
  const patientId = newId();
  return { at: world().clock(), actorId: patientId, actorRole: 'patient', patientId, action: 'profile_read', entity: 'patient', entityId: `${tag}-${i}` };
}

async function storedCount(tag: string) {
  const rows = await world().deps.db.selectFrom('audit_log').select('entity_id').where('entity_id', 'like', `${tag}-%`).execute();
  return rows.length;
}

describe('auditRead', () => {
  test('50 concurrent reads make 50 rows in one group commit; each caller resumes only once its row is committed', async () => {
    const watch = new InsertWatch();
    const db = world().deps.db.withPlugin(watch);
    // Another connection: it sees a row only once the transaction that wrote it has committed.
    const observer = openDatabase(world().config.database);
    try {
      const tag = newId();
      const seenAtResume: boolean[] = [];
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          auditRead(db, readOf(tag, i)).then(async () => {
            const row = await observer.selectFrom('audit_log').select('id').where('entity_id', '=', `${tag}-${i}`).executeTakeFirst();
            seenAtResume[i] = row !== undefined;
          }),
        ),
      );
      expect(seenAtResume).toEqual(Array.from({ length: 50 }, () => true));
      expect(await storedCount(tag)).toBe(50);
      // One batch: 7 rows per INSERT (D1's 100 parameters a statement), not one INSERT per read.
      expect(watch.inserts).toBe(Math.ceil(50 / 7));
      const stored = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', `${tag}-7`).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ action: 'profile_read', actor_role: 'patient', entity: 'patient', outcome: 'ok', detail: null });
    } finally {
      await observer.destroy();
    }
  });

  test('reads in different turns are different batches; a crowd past 200 is split, and every row lands', async () => {
    const watch = new InsertWatch();
    const db = world().deps.db.withPlugin(watch);
    const tag = newId();
    await auditRead(db, readOf(tag, 0));
    await auditRead(db, readOf(tag, 1));
    expect(watch.inserts).toBe(2);
    await Promise.all(Array.from({ length: 450 }, (_, i) => auditRead(db, readOf(tag, i + 2))));
    expect(await storedCount(tag)).toBe(452);
    // 200 + 200 + 50 rows: 29 + 29 + 8 INSERTs.
    expect(watch.inserts).toBe(2 + 29 + 29 + 8);
  });

  test('a failing batch rejects every one of its callers, stores none of its rows, and the next batch works', async () => {
    const watch = new InsertWatch();
    const db = world().deps.db.withPlugin(watch);
    for (const size of [3, 50]) {
      const tag = newId();
      watch.fail = true;
      const results = await Promise.allSettled(Array.from({ length: size }, (_, i) => auditRead(db, readOf(tag, i))));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(await storedCount(tag)).toBe(0);

      watch.fail = false;
      await auditRead(db, readOf(tag, size));
      expect(await storedCount(tag)).toBe(1);
    }
  });

  test('the rows of one database never wait for, or land in, another', async () => {
    const tag = newId();
    const a = world().deps.db.withPlugin(new InsertWatch());
    const failing = new InsertWatch();
    failing.fail = true;
    const b = world().deps.db.withPlugin(failing);
    const [ok, bad] = await Promise.allSettled([auditRead(a, readOf(tag, 0)), auditRead(b, readOf(tag, 1))]);
    expect([ok.status, bad.status]).toEqual(['fulfilled', 'rejected']);
    expect(await storedCount(tag)).toBe(1);
  });
});

describe('writeAudit', () => {
  test('a row written inside a transaction that rolls back is gone with it', async () => {
    const tag = newId();
    await expect(
      world()
        .deps.db.transaction()
        .execute(async (trx) => {
          await writeAudit(trx, readOf(tag, 0));
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    expect(await storedCount(tag)).toBe(0);
  });

  test('only field names and ids go in detail; an address that is not one is stored as null', async () => {
    const tag = newId();
    await writeAudit(world().deps.db, { ...readOf(tag, 0), ip: 'not an address', userAgent: 'x'.repeat(300), detail: { fields: ['phone', 'address'] } });
    const row = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', `${tag}-0`).executeTakeFirstOrThrow();
    expect(row.ip).toBeNull();
    expect(row.user_agent).toHaveLength(256);
    expect(JSON.parse(row.detail!)).toEqual({ fields: ['phone', 'address'] });
  });
});
