import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, openSqlite, SQLITE_BUSY_TIMEOUT_MS, withStatementCache } from '../runtime/node/database';
import { isUniqueViolation } from './errors';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';
import type { AppointmentStatus, Database } from './schema';
import { rejection } from '../../tests/support/rejection';

/** Every table of the Database interface; a table added there and not here fails to compile. */
const TABLES: Record<keyof Database, true> = {
  users: true,
  departments: true,
  doctors: true,
  patients: true,
  doctor_availability: true,
  doctor_availability_dates: true,
  doctor_weekly_hours: true,
  idempotency_keys: true,
  export_files: true,
  appointments: true,
  appointment_counts: true,
  treatments: true,
  exports: true,
  audit_log: true,
  audit_chain_head: true,
  outbox: true,
  email_deliveries: true,
  password_resets: true,
  mfa_factors: true,
  mfa_recovery_codes: true,
};

const NOW = '2026-12-01T08:00:00.000Z';
const START = '2026-12-02T09:30:00.000Z';
const END = '2026-12-02T10:00:00.000Z';

/** The rows a booking needs: users with their doctor or patient rows, and a department. */
function seed(db: Kysely<Database>) {
  let n = 0;
  const id = (kind: string) => `${kind}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const user = async (role: 'doctor' | 'patient') => {
    const userId = id(role);
    await db
      .insertInto('users')
      .values({ id: userId, role, email: `${userId}@example.org`, name: userId, password_hash: 'x', status: 'active', created_at: NOW, updated_at: NOW })
      .execute();
    return userId;
  };
  return {
    async department() {
      const departmentId = id('dept');
      await db.insertInto('departments').values({ id: departmentId, name: departmentId, description: null, created_at: NOW, updated_at: NOW }).execute();
      return departmentId;
    },
    async doctor(departmentId: string) {
      const userId = await user('doctor');
      await db
        .insertInto('doctors')
        .values({ user_id: userId, department_id: departmentId, specialization: 'Cardiology', experience_years: 10, bio: null, slot_minutes: 30, deleted_at: null, created_at: NOW, updated_at: NOW })
        .execute();
      return userId;
    },
    async patient() {
      const userId = await user('patient');
      await db
        .insertInto('patients')
        .values({ user_id: userId, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: NOW, updated_at: NOW })
        .execute();
      return userId;
    },
    async appointment(doctorId: string, patientId: string, status: AppointmentStatus = 'booked', start = START) {
      const appointmentId = id('appt');
      await db
        .insertInto('appointments')
        .values({ id: appointmentId, doctor_id: doctorId, patient_id: patientId, start_at: start, end_at: END, status, reason: null, cancel_reason: null, cancelled_by: null, created_at: NOW, updated_at: NOW })
        .execute();
      return appointmentId;
    },
  };
}

let dir: string;
let db: Kysely<Database>;
let rows: ReturnType<typeof seed>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardline-sqlite-'));
  db = openDatabase({ kind: 'sqlite', path: join(dir, 'nested', 'wardline.db') });
  await migrateToLatest(db);
  rows = seed(db);
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite migrations', () => {
  test('the migrations create every table of the Database interface', async () => {
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    // Besides them, SQLite's own index of the patient search: an FTS5 table and its shadow tables (read with
    // raw SQL in shared/admin/patients.ts, never through the Database interface).
    const search = tables.filter((name) => name.startsWith('patient_search'));
    expect(search.sort()).toEqual(['patient_search', 'patient_search_config', 'patient_search_content', 'patient_search_data', 'patient_search_docsize', 'patient_search_idx']);
    expect(new Set(tables.filter((name) => !search.includes(name)))).toEqual(new Set(Object.keys(TABLES)));
  });

  test('running the migrations again applies nothing, in the same connection or a new one', async () => {
    expect(await migrateToLatest(db)).toEqual([]);
    const again = openDatabase({ kind: 'sqlite', path: join(dir, 'nested', 'wardline.db') });
    try {
      expect(await migrateToLatest(again)).toEqual([]);
    } finally {
      await again.destroy();
    }
  });

  test('a fresh database gets every migration, in order, exactly once', async () => {
    const fresh = openDatabase({ kind: 'sqlite', path: join(dir, 'fresh.db') });
    try {
      expect(await migrateToLatest(fresh)).toEqual(Object.keys(migrations).sort());
      expect(await migrateToLatest(fresh)).toEqual([]);
    } finally {
      await fresh.destroy();
    }
  });
});

describe('SQLite settings', () => {
  test('the database runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys on', async () => {
    const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(db)).rows[0] as Record<string, unknown>;
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('synchronous')).toEqual({ synchronous: 2 });
    expect(await pragma('busy_timeout')).toEqual({ timeout: SQLITE_BUSY_TIMEOUT_MS });
    expect(SQLITE_BUSY_TIMEOUT_MS).toBeGreaterThan(0);
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
  });

  test('openSqlite makes the same settings on every connection it opens', () => {
    const raw = openSqlite(join(dir, 'raw.db'));
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('synchronous', { simple: true })).toBe(2);
      expect(raw.pragma('busy_timeout', { simple: true })).toBe(SQLITE_BUSY_TIMEOUT_MS);
      expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      raw.close();
    }
  });

  test('a row that points at nothing is refused, and that is not mistaken for a unique violation', async () => {
    const err = await rejection(() => rows.doctor('no-such-department'));
    expect(String(err)).toMatch(/FOREIGN KEY constraint failed/);
    expect(isUniqueViolation(err)).toBe(false);
  });
});

describe('the database guards the booking invariants', () => {
  test('a second live appointment for the same doctor and start fails as a unique violation', async () => {
    const department = await rows.department();
    const doctor = await rows.doctor(department);
    const [first, second] = [await rows.patient(), await rows.patient()];
    await rows.appointment(doctor, first);
    const err = await rejection(() => rows.appointment(doctor, second));
    expect(isUniqueViolation(err)).toBe(true);
    // A completed appointment is not cancelled either: it still holds its slot.
    const other = await rows.doctor(department);
    await rows.appointment(other, first, 'completed', '2026-12-03T09:30:00.000Z');
    expect(isUniqueViolation(await rejection(() => rows.appointment(other, second, 'booked', '2026-12-03T09:30:00.000Z')))).toBe(true);
  });

  test('a second live appointment for the same patient and start fails as a unique violation', async () => {
    const department = await rows.department();
    const [doctorA, doctorB] = [await rows.doctor(department), await rows.doctor(department)];
    const patient = await rows.patient();
    await rows.appointment(doctorA, patient);
    const err = await rejection(() => rows.appointment(doctorB, patient));
    expect(isUniqueViolation(err)).toBe(true);
  });

  test('a cancelled appointment does not block a new booking of the same doctor and start', async () => {
    const doctor = await rows.doctor(await rows.department());
    const [first, second, third] = [await rows.patient(), await rows.patient(), await rows.patient()];
    const cancelled = await rows.appointment(doctor, first);
    await db.updateTable('appointments').set({ status: 'cancelled', updated_at: NOW }).where('id', '=', cancelled).execute();
    await rows.appointment(doctor, second);
    // ...and any number of cancelled ones may share a start.
    await rows.appointment(doctor, third, 'cancelled');
    const atStart = await db.selectFrom('appointments').select('status').where('doctor_id', '=', doctor).where('start_at', '=', START).execute();
    expect(atStart.map((a) => a.status).sort()).toEqual(['booked', 'cancelled', 'cancelled']);
    // The same patient may book the same start again after cancelling.
    await rows.appointment(await rows.doctor(await rows.department()), first);
  });

  test('the same doctor at another start, or another doctor at the same start, is fine', async () => {
    const department = await rows.department();
    const [doctorA, doctorB] = [await rows.doctor(department), await rows.doctor(department)];
    const [p1, p2, p3] = [await rows.patient(), await rows.patient(), await rows.patient()];
    await rows.appointment(doctorA, p1);
    await rows.appointment(doctorA, p2, 'booked', '2026-12-02T10:00:00.000Z');
    await rows.appointment(doctorB, p3);
  });

  test('email_deliveries keeps one row per kind and subject', async () => {
    const delivery = (id: string, kind: string, subject: string) =>
      db.insertInto('email_deliveries').values({ id, kind, subject_id: subject, recipient: 'p@example.org', sent_at: NOW, status: 'sent', claimed_at: null }).execute();
    await delivery('d1', 'booking_confirmation', 'appt-1');
    const err = await rejection(() => delivery('d2', 'booking_confirmation', 'appt-1'));
    expect(isUniqueViolation(err)).toBe(true);
    await delivery('d3', 'reminder', 'appt-1');
    await delivery('d4', 'booking_confirmation', 'appt-2');
  });

  test('isUniqueViolation recognises a duplicate email and a duplicate id, and nothing else', async () => {
    const patient = await rows.patient();
    const user = await db.selectFrom('users').selectAll().where('id', '=', patient).executeTakeFirstOrThrow();
    expect(isUniqueViolation(await rejection(() => db.insertInto('users').values({ ...user, id: 'another-id' }).execute()))).toBe(true);
    expect(isUniqueViolation(await rejection(() => db.insertInto('users').values({ ...user, email: 'other@example.org' }).execute()))).toBe(true);
    const badRole = await rejection(() => db.insertInto('users').values({ ...user, id: 'x1', email: 'x1@example.org', role: 'nurse' as never }).execute());
    expect(String(badRole)).toMatch(/CHECK constraint failed/);
    expect(isUniqueViolation(badRole)).toBe(false);
    expect(isUniqueViolation(new Error('something else'))).toBe(false);
    expect(isUniqueViolation('UNIQUE constraint failed')).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});

describe('prepared statements kept by their SQL', () => {
  test('the same query is prepared once and still answers for each set of parameters', async () => {
    const sqlite = openSqlite(join(mkdtempSync(join(tmpdir(), 'wardline-stmt-')), 'stmt.db'));
    let prepared = 0;
    const counting = { prepare: (s: string) => (prepared++, sqlite.prepare(s)), close: () => sqlite.close() } as unknown as SQLite.Database;
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(counting) as SQLite.Database }) });
    await sql`create table t (id integer primary key, name text)`.execute(db);
    for (let id = 1; id <= 20; id++) await db.insertInto('t').values({ id, name: `n${id}` }).execute();
    const names = [];
    for (let id = 1; id <= 20; id++) names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name);
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `n${i + 1}`));
    // create, insert, select: three statements for 41 queries.
    expect(prepared).toBe(3);
    await db.destroy();
  });

  test('past its bound the least recently used statement is dropped and prepared again when needed', () => {
    const sqlite = openSqlite(':memory:');
    let prepared = 0;
    const counting = { prepare: (s: string) => (prepared++, sqlite.prepare(s)), close: () => sqlite.close() } as unknown as SQLite.Database;
    const cache = withStatementCache(counting, 2);
    cache.prepare('select 1');
    cache.prepare('select 2');
    cache.prepare('select 1'); // now the most recent
    cache.prepare('select 3'); // drops "select 2"
    cache.prepare('select 1');
    expect(prepared).toBe(3);
    cache.prepare('select 2');
    expect(prepared).toBe(4);
    cache.close();
  });
});
