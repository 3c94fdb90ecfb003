/**
 * The D1 adapter's emulated transactions (shared/runtime/worker/d1-database.ts) against a real local D1
 * from Miniflare: writes are sent as one atomic batch at commit, a failure anywhere writes nothing,
 * and what cannot be emulated fails loudly instead of answering wrongly. Also: migrations run on D1.
 */
import type { D1Database } from '@cloudflare/workers-types';
import type { Kysely, KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../shared/db/schema';
import { writeAudit } from '../../shared/db/audit';
import { sealAudit, verifyAudit } from '../../shared/db/audit-chain';
import { isUniqueViolation } from '../../shared/db/errors';
import { migrateToLatest } from '../../shared/db/migrate';
import { migrations } from '../../shared/db/migrations/index';
import { openD1 } from '../../shared/runtime/worker/d1-database';

let mf: Miniflare;
let db: Kysely<Database>;

const at = '2026-12-01T08:00:00.000Z';
const user = (id: string, email: string) => ({
  id, role: 'patient' as const, email, name: id, password_hash: 'x', status: 'active' as const, created_at: at, updated_at: at,
});
const patient = (userId: string) => ({
  user_id: userId, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: at, updated_at: at,
});
const countUsers = async () => (await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null, { status: 204 }) }',
    compatibilityDate: '2026-04-26',
    cf: false,
    d1Databases: ['DB'],
  });
  // Miniflare's proxy stands in for the binding; its declared type is Miniflare's own copy of D1Database.
  db = openD1((await mf.getD1Database('DB')) as unknown as D1Database);
});

afterAll(async () => {
  await mf?.dispose();
});

describe('Kysely on D1 with batched transactions', () => {
  test('migrations run on D1 once and a second run finds nothing to do', async () => {
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
  });

  test('the writes of a transaction all land at commit', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(user('u1', 'one@example.org')).execute();
      await trx.insertInto('patients').values(patient('u1')).execute();
    });
    const row = await db.selectFrom('patients').select('user_id').where('user_id', '=', 'u1').executeTakeFirst();
    expect(row?.user_id).toBe('u1');
  });

  test('a unique violation at commit is recognised and none of the batch is written', async () => {
    const before = await countUsers();
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('users').values(user('u2', 'two@example.org')).execute();
        await trx.insertInto('users').values(user('u3', 'one@example.org')).execute(); // taken by u1
      })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await countUsers()).toBe(before);
  });

  test('an error thrown inside the transaction writes nothing', async () => {
    const before = await countUsers();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(user('u4', 'four@example.org')).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await countUsers()).toBe(before);
  });

  test('a read before any write runs at once inside the transaction', async () => {
    const found = await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('users').select('id').where('email', '=', 'one@example.org').executeTakeFirst();
      await trx.insertInto('users').values(user('u5', 'five@example.org')).execute();
      return existing?.id;
    });
    expect(found).toBe('u1');
  });

  test('a read after a write inside a transaction fails loudly and writes nothing', async () => {
    const before = await countUsers();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(user('u6', 'six@example.org')).execute();
        await trx.selectFrom('users').select('id').execute();
      }),
    ).rejects.toThrow(/read after a write/);
    expect(await countUsers()).toBe(before);
  });

  test('a write with RETURNING inside a transaction fails loudly', async () => {
    await expect(
      db.transaction().execute((trx) => trx.insertInto('users').values(user('u7', 'seven@example.org')).returning('id').execute()),
    ).rejects.toThrow(/RETURNING/);
  });

  test('outside a transaction queries go straight to D1, RETURNING included', async () => {
    const row = await db.insertInto('users').values(user('u8', 'eight@example.org')).returning('id').executeTakeFirst();
    expect(row?.id).toBe('u8');
    const updated = await db.updateTable('users').set({ name: 'Eight' }).where('id', '=', 'u8').executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
  });

  test('audit rows seal into one chain 1..N on D1, with sealers racing between the writes (ADR 023)', async () => {
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      writes.push(
        i % 2
          ? db.transaction().execute((trx) => writeAudit(trx, { at: new Date(Date.parse(at) + i * 1000), actorId: null, action: 'd1_race', entity: 'test', entityId: `r-${i}` }))
          : writeAudit(db, { at: new Date(Date.parse(at) + i * 1000), actorId: null, action: 'd1_race', entity: 'test', entityId: `r-${i}` }),
      );
      if (i % 6 === 5) writes.push(sealAudit(db));
    }
    await Promise.all(writes);
    await Promise.all([sealAudit(db), sealAudit(db), sealAudit(db)]);
    const rows = await db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(await verifyAudit(db, 16)).toEqual({ ok: true, checked: rows.length });
  });

  test('a D1 sealer that read a stale head collides with the unique seq at commit, and retries from the new head', async () => {
    // Sealer B reads the head, then waits while sealer A seals the row there was and a new row arrives.
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let reachedPause!: () => void;
    const atPause = new Promise<void>((resolve) => (reachedPause = resolve));
    let headReads = 0;
    const pauseAfterFirstRead: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        if (args.result.rows[0] && 'hash' in args.result.rows[0] && !('id' in args.result.rows[0])) {
          headReads += 1;
          if (headReads === 1) {
            reachedPause();
            await paused;
          }
        }
        return args.result;
      },
    };
    const entry = (id: string) => ({ at: new Date(at), actorId: null, action: 'd1_stale', entity: 'test', entityId: id });
    await writeAudit(db, entry('s-1'));
    const b = sealAudit(db.withPlugin(pauseAfterFirstRead));
    await atPause;
    expect(await sealAudit(db)).toBe(1);
    await writeAudit(db, entry('s-2'));
    release();
    expect(await b).toBe(1);
    expect(headReads).toBe(2);
    const rows = await db.selectFrom('audit_log').select(['seq', 'entity_id']).where('action', '=', 'd1_stale').orderBy('seq').execute();
    expect(Number(rows[1]!.seq)).toBe(Number(rows[0]!.seq) + 1);
    expect(rows.map((r) => r.entity_id)).toEqual(['s-1', 's-2']);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
