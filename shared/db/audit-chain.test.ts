/**
 * The audit trail's hash chain (ADR 023): sealing gives every row a place 1..N without gaps, from any
 * number of writers and sealers in two processes at once; verify walks it and names the first row that
 * was changed by hand; on PostgreSQL the trigger refuses such a change in the first place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { rejection } from '../../tests/support/rejection';
import { useTestWorld } from '../../tests/support/test-deps';
import { newId } from '../ids';
import { auditRead, writeAudit } from './audit';
import { GENESIS_HASH, chainHash, sealAudit, verifyAudit } from './audit-chain';
import { isPostgres } from './dialect';
import type { Database } from './schema';

const world = useTestWorld();
const db = () => world().deps.db;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('../../tests/support/audit-writer.ts', import.meta.url));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts a writer process; resolves once it is connected, with a `go` that resolves when it is done. */
function startWriter(tag: string, count: number): Promise<{ go(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: world().database.url, AUDIT_TAG: tag, AUDIT_COUNT: String(count) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  let out = '';
  let onReady!: () => void;
  let onDone!: () => void;
  let fail!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    fail = reject;
  });
  const done = new Promise<void>((resolve, reject) => {
    onDone = resolve;
    const previous = fail;
    fail = (err) => {
      previous(err);
      reject(err);
    };
  });
  done.catch(() => {});
  child.stdout!.on('data', (chunk) => {
    out += chunk;
    if (out.includes('ready\n')) onReady();
    if (out.includes('done\n')) onDone();
  });
  child.on('exit', (code) => fail(new Error(`the audit writer exited with ${code}: ${stderr.slice(-2000)}`)));
  return ready.then(() => ({
    go() {
      child.stdin!.write('go\n');
      return done;
    },
  }));
}

async function chainShape(database: Kysely<Database>) {
  const row = await database
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.countAll().as('rows'), eb.fn.count('seq').as('sealed'), eb.fn.min('seq').as('min'), eb.fn.max('seq').as('max')])
    .executeTakeFirstOrThrow();
  const distinct = await database.selectFrom('audit_log').select(sql<number>`count(distinct seq)`.as('n')).executeTakeFirstOrThrow();
  return { rows: Number(row.rows), sealed: Number(row.sealed), min: Number(row.min), max: Number(row.max), distinct: Number(distinct.n) };
}

const entry = (entityId: string) => ({ at: world().clock(), actorId: null, action: 'chain_test', entity: 'test', entityId });

/** Runs `edit` with the append-only trigger off (PostgreSQL; elsewhere there is none). */
async function withoutTrigger(edit: () => Promise<unknown>) {
  if (!isPostgres(db())) return edit();
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db());
  try {
    return await edit();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db());
  }
}

describe('the audit hash chain', () => {
  test('rows are written unsealed, and sealing gives them places 1..N, each with the hash of the row before', async () => {
    await db().transaction().execute((trx) => writeAudit(trx, entry('a')));
    await auditRead(db(), entry('b'));
    await writeAudit(db(), entry('c'));
    expect(await db().selectFrom('audit_log').select('id').where('seq', 'is not', null).execute()).toEqual([]);

    const count = (await chainShape(db())).rows;
    expect(await sealAudit(db())).toBe(count);
    expect(await sealAudit(db())).toBe(0);
    const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(row.hash).toBe(chainHash(prev, Number(row.seq), row));
      prev = row.hash!;
    }
    const head = await db().selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: count, hash: prev });
    expect(await verifyAudit(db())).toEqual({ ok: true, checked: count });
  });

  test('200 audited writes from two processes at once, sealed as they go, make one chain 1..N without gaps or duplicates', async () => {
    const tag = newId();
    const writers = await Promise.all([startWriter(`${tag}-a`, 100), startWriter(`${tag}-b`, 100)]);
    await Promise.all(writers.map((w) => w.go()));
    await sealAudit(db());
    const shape = await chainShape(db());
    const raced = await db().selectFrom('audit_log').select('seq').where('entity', '=', 'race').where('entity_id', 'like', `${tag}-%`).execute();
    expect(raced).toHaveLength(200);
    expect(raced.every((r) => r.seq !== null)).toBe(true);
    expect(shape).toEqual({ rows: shape.rows, sealed: shape.rows, min: 1, max: shape.rows, distinct: shape.rows });
    // A small page makes the walk turn pages many times.
    expect(await verifyAudit(db(), 7)).toEqual({ ok: true, checked: shape.rows });
  }, 60_000);

  test.runIf(process.env.TEST_DB === 'postgres')('on PostgreSQL the trigger refuses an update or delete of an audit row, a truncate, and moving the head back', async () => {
    await writeAudit(db(), entry('guarded'));
    // Sealing is the one update allowed.
    await sealAudit(db());
    const row = await db().selectFrom('audit_log').select(['id', 'seq']).where('entity_id', '=', 'guarded').executeTakeFirstOrThrow();
    expect(row.seq).not.toBeNull();
    for (const attempt of [
      () => db().updateTable('audit_log').set({ action: 'edited' }).where('id', '=', row.id).execute(),
      () => db().updateTable('audit_log').set({ seq: null, prev_hash: null, hash: null }).where('id', '=', row.id).execute(),
      () => db().deleteFrom('audit_log').where('id', '=', row.id).execute(),
      () => sql`truncate audit_log`.execute(db()),
      () => db().updateTable('audit_chain_head').set({ seq: 0 }).where('id', '=', 1).execute(),
      () => db().deleteFrom('audit_chain_head').execute(),
    ]) {
      expect(await rejection(attempt)).toMatchObject({ message: expect.stringMatching(/append-only|forward/) });
    }
    // An unsealed row cannot be edited either, not even while sealing it.
    await writeAudit(db(), entry('guarded-2'));
    const unsealed = await db().selectFrom('audit_log').select('id').where('entity_id', '=', 'guarded-2').executeTakeFirstOrThrow();
    expect(await rejection(() => db().updateTable("audit_log").set({ seq: 999_999, prev_hash: "x", hash: "y", action: "edited" }).where("id", "=", unsealed.id).execute())).toBeInstanceOf(Error);
    await sealAudit(db());
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  test('a row edited by hand in the database is named by verify; so is the row after one removed, and a tail cut off', async () => {
    await writeAudit(db(), entry('tamper-1'));
    await writeAudit(db(), entry('tamper-2'));
    await writeAudit(db(), entry('tamper-3'));
    await sealAudit(db());
    const victim = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', 'tamper-2').executeTakeFirstOrThrow();
    const after = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', 'tamper-3').executeTakeFirstOrThrow();
    const total = Number(after.seq);

    await withoutTrigger(() => db().updateTable('audit_log').set({ outcome: 'forbidden' }).where('id', '=', victim.id).execute());
    expect(await verifyAudit(db())).toEqual({ ok: false, checked: Number(victim.seq) - 1, firstBrokenId: victim.id, firstBrokenSeq: Number(victim.seq) });
    await withoutTrigger(() => db().updateTable('audit_log').set({ outcome: victim.outcome }).where('id', '=', victim.id).execute());
    expect(await verifyAudit(db())).toEqual({ ok: true, checked: total });

    await withoutTrigger(() => db().deleteFrom('audit_log').where('id', '=', victim.id).execute());
    expect(await verifyAudit(db())).toMatchObject({ ok: false, firstBrokenId: after.id, firstBrokenSeq: total });
    await db().insertInto('audit_log').values(victim).execute();
    expect((await verifyAudit(db())).ok).toBe(true);

    await withoutTrigger(() => db().deleteFrom('audit_log').where('id', '=', after.id).execute());
    expect(await verifyAudit(db())).toEqual({ ok: false, checked: total - 1, firstBrokenSeq: total });
    await db().insertInto('audit_log').values(after).execute();
    expect(await verifyAudit(db())).toEqual({ ok: true, checked: total });
  });

  test('nothing in the application updates or deletes an audit row but the sealer', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && path !== join('shared', 'db', 'audit-chain.ts')) {
          const text = readFileSync(join(ROOT, path), 'utf8');
          if (/(updateTable|deleteFrom)\(\s*['"`]audit_(log|chain_head)|(update|delete\s+from|truncate)\s+(table\s+)?audit_(log|chain_head)/i.test(text)) offenders.push(path);
        }
      }
    };
    for (const dir of ['functions', 'shared', 'jobs', 'scripts', 'web']) walk(dir);
    expect(offenders).toEqual([]);
  });
});
