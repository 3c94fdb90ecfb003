/**
 * `npm run backup` (scripts/backup.ts) while the hospital takes bookings: a separate process books 300 slots
 * through the real booking function, the backup is taken in the middle of it, and the copy is restored and
 * opened as Wardline would open it. SQLite only (PostgreSQL is backed up with pg_dump): NO_DATABASE in
 * vitest.config.ts keeps it off the postgres project.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import health from '../functions/health';
import { loadConfig } from '../shared/config';
import { migrateToLatest } from '../shared/db/migrate';
import { buildApi } from '../shared/http/api';
import { buildNodeDeps } from '../shared/runtime/node/build-deps';
import { openDatabase } from '../shared/runtime/node/database';
import { at, sessionCookie } from '../tests/support/booking';
import { createDoctor, EVERY_DAY } from '../tests/support/doctors';
import { useTestWorld } from '../tests/support/test-deps';
import { insertPatients } from '../tests/support/users';
import { backupCommand, backupFileName, backupSqlite, checkCopy, PG_DUMP_ADVICE } from './backup';

const world = useTestWorld();
const deps = () => world().deps;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('../tests/race/booking-worker.ts', import.meta.url));
const NOW = '2026-12-01T08:00:00.000Z';
const REASON = 'booked during the backup test';
/** Ten slots inside EVERY_DAY's hours (09:00–12:00, 13:00–17:00). */
const CLOCKS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30'];

const scratch = mkdtempSync(join(tmpdir(), 'wardline-backup-test-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function captured() {
  let text = '';
  return { write: (s: string) => (text += s), text: () => text };
}

/** tests/race/booking-worker.ts with these orders; resolves with a `go` and the results once it is warm. */
function startBookings(orders: unknown[]): Promise<{ go(): void; results: Promise<Array<{ status: number; code: string | null }>> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: world().database.url, REDIS_URL: world().config.redisUrl, REDIS_KEY_PREFIX: world().config.redisKeyPrefix, RACE_NOW: NOW },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolveReady, rejectReady) => {
    let resolveResults!: (r: Array<{ status: number; code: string | null }>) => void;
    let rejectResults!: (e: Error) => void;
    const results = new Promise<Array<{ status: number; code: string | null }>>((res, rej) => {
      resolveResults = res;
      rejectResults = rej;
    });
    results.catch(() => {});
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      for (let nl = stdout.indexOf('\n'); nl >= 0; nl = stdout.indexOf('\n')) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (line === 'ready') resolveReady({ go: () => child.stdin!.write('go\n'), results });
        else if (line.startsWith('[')) resolveResults(JSON.parse(line));
      }
    });
    child.on('exit', (code) => {
      const err = new Error(`the booking process exited with ${code}: ${stderr.slice(-2000)}`);
      rejectReady(err);
      rejectResults(err);
    });
    child.stdin!.write(`${JSON.stringify(orders)}\n`);
  });
}

const bookedIds = (file: string) => {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM appointments WHERE reason = ?').all(REASON) as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
};

describe('npm run backup', () => {
  test('a backup taken while 300 bookings commit is one consistent moment, passes its checks, and restores into a working Wardline', { timeout: 120_000 }, async () => {
    world().clock.set(NOW);
    const source = world().database.url;
    const doctors = await Promise.all(Array.from({ length: 10 }, () => createDoctor(deps(), { weekly: EVERY_DAY })));
    const patients = (await insertPatients(deps(), 75, NOW)).map((p) => p.id);
    const cookies = await Promise.all(patients.map((id) => sessionCookie(deps(), id)));
    // 300 distinct slots (10 doctors × 10 a morning × 3 days), four for each patient (the limit is five).
    const orders = Array.from({ length: 300 }, (_, k) => {
      const doctor = doctors[k % 10]!;
      const slot = Math.floor(k / 10) % 10;
      const day = `2026-12-0${2 + Math.floor(k / 100)}`;
      const clock = CLOCKS[slot]!;
      return { method: 'POST', path: '/api/patient/appointments', cookie: cookies[k % 75]!, json: { doctorId: doctor.id, start: at(deps(), day, clock), reason: REASON } };
    });

    // Some 8 MB more, so that the copy (two pages a step) spans many of the bookings' commits.
    const pad = new SQLite(source);
    pad.exec('CREATE TABLE backup_test_padding (id INTEGER PRIMARY KEY, bytes BLOB)');
    pad.prepare('INSERT INTO backup_test_padding (bytes) SELECT randomblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)').run();
    pad.close();

    const bookings = await startBookings(orders);
    bookings.go();
    // Into the middle of the load: some bookings committed, most still to come.
    const live = new SQLite(source, { readonly: true, fileMustExist: true });
    let before: string[] = [];
    for (let i = 0; i < 2000 && before.length < 30; i++) {
      before = (live.prepare('SELECT id FROM appointments WHERE reason = ?').all(REASON) as Array<{ id: string }>).map((r) => r.id);
      await new Promise((r) => setTimeout(r, 5));
    }
    live.close();
    expect(before.length).toBeGreaterThanOrEqual(30);
    const file = join(scratch, 'under-load.db');
    // Two pages a step: the copy takes many steps while the bookings go on committing between them.
    // A write by another process between steps would restart a plain stepped copy from the first page.
    let restarts = 0;
    let steps = 0;
    let remaining = Infinity;
    const result = await backupSqlite(
      source,
      file,
      (done, total) => {
        steps++;
        if (total - done > remaining) restarts++;
        remaining = total - done;
      },
      2,
    );
    expect(steps).toBeGreaterThan(1000);
    expect(restarts).toBe(0);
    const results = await bookings.results;
    expect(results.filter((r) => r.status !== 201)).toEqual([]);

    const inCopy = bookedIds(file);
    // Everything committed before the backup began is in it; the bookings after it are not (it is one moment).
    expect(inCopy).toEqual(expect.arrayContaining(before));
    expect(inCopy.length).toBeLessThan(300);
    expect(bookedIds(source)).toHaveLength(300);
    expect(result.bytes).toBeGreaterThan(0);
    expect(checkCopy(file)).toBeNull();
    expect(existsSync(`${file}-wal`)).toBe(false);

    // Nothing half-written: every booking in the copy has the audit row its transaction wrote.
    const copy = new SQLite(file, { readonly: true });
    const unaudited = copy
      .prepare(`SELECT a.id FROM appointments a WHERE a.reason = ? AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_id = a.id AND l.action = 'appointment_book')`)
      .all(REASON);
    copy.close();
    expect(unaudited).toEqual([]);

    // Restore: the copy put in place of a database, opened as Wardline opens it.
    const restored = join(scratch, 'restored', 'wardline.db');
    rmSync(join(scratch, 'restored'), { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(join(scratch, 'restored'));
    copyFileSync(file, restored);
    const db = openDatabase({ kind: 'sqlite', path: restored });
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await db.selectFrom('appointments').select('id').where('reason', '=', REASON).execute()).toHaveLength(inCopy.length);
    await db.destroy();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: restored, REDIS_URL: world().config.redisUrl, REDIS_KEY_PREFIX: `${world().config.redisKeyPrefix}restored:`, LOG_LEVEL: 'silent' });
    const node = await buildNodeDeps(config, { migrate: false });
    try {
      const res = await buildApi([health]).request('/api/health', {}, { deps: node.deps, clientAddress: '127.0.0.1' });
      expect(res.status).toBe(200);
    } finally {
      await node.close();
    }
  });

  test('the command writes DATA_DIR/backups/wardline-<time>.db by default and says what it checked', async () => {
    const out = captured();
    const err = captured();
    const dataDir = join(scratch, 'data');
    const code = await backupCommand({ NODE_ENV: 'test', DATABASE_URL: world().database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, out, err);
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    const written = /Backup written: (\S+) \(/.exec(out.text())?.[1];
    expect(written).toMatch(new RegExp(`^${join(dataDir, 'backups')}/wardline-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.db$`));
    expect(out.text()).toContain('integrity_check ok, foreign_key_check ok');
    expect(existsSync(written!)).toBe(true);
  });

  test('a path given is where the copy goes; the database itself is refused as the destination', async () => {
    const target = join(scratch, 'named', 'copy.db');
    expect(await backupCommand({ DATABASE_URL: world().database.url, LOG_LEVEL: 'silent' }, captured(), captured(), [target])).toBe(0);
    expect(existsSync(target)).toBe(true);
    const err = captured();
    expect(await backupCommand({ DATABASE_URL: world().database.url }, captured(), err, [world().database.url])).toBe(1);
    expect(err.text()).toContain('would overwrite the database itself');
  });

  test('PostgreSQL gets the pg_dump command, not an attempt; a missing file is a clear error, and no file is made', async () => {
    const pgErr = captured();
    expect(await backupCommand({ DATABASE_URL: 'postgres://wardline@db.example.org/wardline' }, captured(), pgErr)).toBe(1);
    expect(pgErr.text()).toBe(PG_DUMP_ADVICE);
    expect(PG_DUMP_ADVICE).toContain('pg_dump --format=custom');
    expect(PG_DUMP_ADVICE).not.toContain('db.example.org');

    const missing = join(scratch, 'nowhere', 'wardline.db');
    const err = captured();
    expect(await backupCommand({ DATABASE_URL: missing, DATA_DIR: scratch }, captured(), err)).toBe(1);
    expect(err.text()).toBe(`No database at ${missing} (DATABASE_URL): nothing to back up.\n`);
    expect(existsSync(missing)).toBe(false);
  });

  test('a damaged copy fails the check', () => {
    const file = join(scratch, 'damaged.db');
    const db = new SQLite(file);
    db.exec('CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents(id));');
    db.pragma('foreign_keys = OFF');
    db.exec('INSERT INTO children (id, parent_id) VALUES (1, 42)');
    db.close();
    expect(checkCopy(file)).toMatch(/^foreign_key_check: 1 row/);
  });

  test('file names sort by time', () => {
    expect(backupFileName(new Date('2026-11-27T01:02:03.456Z'))).toBe('wardline-2026-11-27T01-02-03Z.db');
  });
});
