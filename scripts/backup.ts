/**
 * `npm run backup [-- <file>]`: a consistent copy of the SQLite database, taken while Wardline runs and takes
 * bookings, checked before it is trusted (ADR 033). The copy goes to `<file>`, or by default to
 * `DATA_DIR/backups/wardline-<UTC time>.db`.
 *
 * SQLite's online backup API copies the database a few pages at a time. A write by another process between
 * two steps makes SQLite start the copy again, so under a steady booking load a plain stepped backup never
 * ends (measured: 3,171 restarts in 8 s at 400 bookings a second). The copy is therefore made inside one read
 * transaction on the source connection: in WAL mode that pins one snapshot, which the backup copies step by
 * step without restarting, while writers go on committing to the WAL (readers never block writers there).
 * The copy then passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, opened read-only, or the
 * command fails (exit 1) and says why.
 *
 * PostgreSQL is backed up with its own tool, pg_dump: the command prints the line to run and exits 1, so a
 * scheduled backup pointed at the wrong database fails loudly instead of seeming to succeed.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import cliProgress from 'cli-progress';
import type { Env } from '../shared/config';
import { commandConfig } from './command-config';
import { SQLITE_BUSY_TIMEOUT_MS } from '../shared/runtime/node/database';
import { environment } from '../shared/runtime/node/env-file';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Pages copied a step (4 KiB each: 4 MiB). Between steps the event loop runs, so the progress bar moves. */
const PAGES_PER_STEP = 1024;

/** `wardline-2026-11-27T01-02-03Z.db`: sorts by time, and is a valid file name everywhere. */
export function backupFileName(at: Date): string {
  return `wardline-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.db`;
}

/** The PostgreSQL answer: the commands to back up and to restore, with the URL left in the environment. */
export const PG_DUMP_ADVICE =
  'npm run backup copies a SQLite database. This one is PostgreSQL: back it up with pg_dump, for example\n' +
  '  pg_dump --format=custom --file=wardline-$(date -u +%Y-%m-%dT%H-%M-%SZ).dump "$DATABASE_URL"\n' +
  'and restore it into an empty database with\n' +
  '  pg_restore --no-owner --dbname="$DATABASE_URL" wardline-<time>.dump\n' +
  '(docs/deploy.md, "Backups").\n';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
}

/** Copies `source` to `destination` from one snapshot and checks the copy; throws with the reason when it fails. */
export async function backupSqlite(
  source: string,
  destination: string,
  onProgress?: (done: number, total: number) => void,
  pagesPerStep = PAGES_PER_STEP,
): Promise<BackupResult> {
  const started = performance.now();
  // fileMustExist: a wrong path is an error, never a new empty database backed up as if it were the hospital's.
  const db = new SQLite(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    mkdirSync(dirname(destination), { recursive: true });
    // The snapshot: a read transaction that has read, held until the copy is done (see the header).
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    try {
      await db.backup(destination, {
        progress({ totalPages, remainingPages }) {
          pages = totalPages;
          onProgress?.(totalPages - remainingPages, totalPages);
          return pagesPerStep;
        },
      });
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; as a rollback-journal database it is one self-contained file (no -wal or -shm
  // beside it when it is opened), which is what a backup should be. A restored copy is put back in WAL at start.
  const copy = new SQLite(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problem = checkCopy(destination);
  if (problem) {
    rmSync(destination, { force: true });
    throw new Error(`the copy failed its check and was removed: ${problem}`);
  }
  return { file: destination, bytes: statSync(destination).size, pages, ms: performance.now() - started };
}

/** `PRAGMA integrity_check` and `foreign_key_check` on the copy, read-only; null when both pass. */
export function checkCopy(file: string): string | null {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check') as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      return `integrity_check: ${integrity.slice(0, 5).map((r) => r.integrity_check).join('; ')}`;
    }
    const orphans = copy.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
    if (orphans.length > 0) return `foreign_key_check: ${orphans.length} row(s) point at missing rows (first: ${orphans[0]!.table} → ${orphans[0]!.parent})`;
    return null;
  } finally {
    copy.close();
  }
}

/** Runs the command; answers the exit code. */
export async function backupCommand(env: Env, out: Output = process.stdout, err: Output = process.stderr, args: string[] = []): Promise<number> {
  const config = commandConfig(env, err);
  if (!config) return 1;
  if (config.database.kind === 'postgres') {
    err.write(PG_DUMP_ADVICE);
    return 1;
  }
  const source = config.database.path;
  if (source === ':memory:') {
    err.write('DATABASE_URL is :memory:, which has nothing to back up.\n');
    return 1;
  }
  if (!existsSync(source)) {
    err.write(`No database at ${source} (DATABASE_URL): nothing to back up.\n`);
    return 1;
  }
  const destination = resolve(args.find((a) => !a.startsWith('-')) ?? join(config.dataDir, 'backups', backupFileName(new Date())));
  if (resolve(source) === destination) {
    err.write('The backup would overwrite the database itself: give another file.\n');
    return 1;
  }
  const bar = out.isTTY
    ? new cliProgress.SingleBar({ format: 'Backing up [{bar}] {percentage}% | {value}/{total} pages', hideCursor: true, clearOnComplete: true, stream: out as NodeJS.WriteStream }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  let lastTenth = -1;
  try {
    out.write(`Backing up ${source} to ${destination}\n`);
    const result = await backupSqlite(source, destination, (done, total) => {
      if (bar) {
        if (!started) bar.start(total, done);
        started = true;
        bar.update(done);
        return;
      }
      // Without a terminal: a line at each tenth, not one per step.
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth) out.write(`backup: ${done} of ${total} pages\n`);
      lastTenth = tenth;
    });
    bar?.stop();
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    out.write(`Backup written: ${result.file} (${mb} MB, ${result.pages} pages, ${(result.ms / 1000).toFixed(1)} s); integrity_check ok, foreign_key_check ok.\n`);
    return 0;
  } catch (e) {
    bar?.stop();
    err.write(`Backup failed: ${(e as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exit(await backupCommand(environment(), process.stdout, process.stderr, process.argv.slice(2)));
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
