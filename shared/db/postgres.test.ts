/**
 * The same schema and invariants on PostgreSQL (the scale-out database). Runs in the postgres vitest
 * project, against the server on 127.0.0.1:5432 (TEST_DATABASE_URL overrides the address), each run in
 * a schema of its own that is dropped afterwards. Without a server that project does not run at all.
 */
import { PostgresIntrospector, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase } from '../runtime/node/database';
import { isUniqueViolation } from './errors';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';
import type { Database } from './schema';
import { rejection } from '../../tests/support/rejection';
import { newSchemaName, redactUrl, requirePostgres, urlWithSchema } from '../../tests/support/postgres';

const url = await requirePostgres();

const TABLES: Array<keyof Database> = [
  'users', 'departments', 'doctors', 'patients', 'doctor_availability', 'appointments',
  'treatments', 'exports', 'audit_log', 'outbox', 'email_deliveries',
  'doctor_weekly_hours', 'doctor_availability_dates', 'idempotency_keys', 'audit_chain_head', 'export_files',
  'password_resets', 'mfa_factors', 'mfa_recovery_codes', 'appointment_counts',
];
const NOW = '2026-12-01T08:00:00.000Z';
const START = '2026-12-02T09:30:00.000Z';

describe(`PostgreSQL (${redactUrl(url)})`, () => {
  let admin: pg.Client;
  const schemas: string[] = [];
  const opened: Array<Kysely<Database>> = [];

  /** A fresh schema and a Kysely bound to it, both removed in afterAll. */
  async function freshDatabase() {
    const schema = newSchemaName();
    await admin.query(`create schema "${schema}"`);
    schemas.push(schema);
    const db = openDatabase({ kind: 'postgres', url: url }, { schema });
    opened.push(db);
    return { schema, db };
  }

  let schema: string;
  let db: Kysely<Database>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    ({ schema, db } = await freshDatabase());
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).sort());
  });

  afterAll(async () => {
    for (const each of opened) await each.destroy().catch(() => {});
    for (const each of schemas) await admin.query(`drop schema if exists "${each}" cascade`);
    await admin?.end();
  });

  test('the migrations create every table of the Database interface in the test schema', async () => {
    const { rows } = await admin.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'`,
      [schema],
    );
    expect(new Set(rows.map((r) => r.table_name))).toEqual(new Set(TABLES));
    // and nothing went to the default schema
    const leaked = await admin.query(`select 1 from information_schema.tables where table_schema = 'public' and table_name = any($1)`, [TABLES]);
    expect(leaked.rowCount).toBe(0);
  });

  test('running the migrations again applies nothing', async () => {
    expect(await migrateToLatest(db)).toEqual([]);
  });

  test('two schemas in one database each get their own migrations', async () => {
    // Tests running side by side, or a test schema next to the real tables in public: each schema
    // keeps its own migration history and gets its own tables.
    const other = await freshDatabase();
    expect(await migrateToLatest(other.db)).toEqual(Object.keys(migrations).sort());
    expect(await migrateToLatest(other.db)).toEqual([]);
    const { rows } = await admin.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema = $1 and table_name = 'appointments'`, [other.schema]);
    expect(rows[0]!.n).toBe('1');
  });

  test('the partial unique index keeps one live appointment per doctor and start, and per patient and start', async () => {
    const user = (id: string, role: 'doctor' | 'patient') =>
      db.insertInto('users').values({ id, role, email: `${id}@example.org`, name: id, password_hash: 'x', status: 'active', created_at: NOW, updated_at: NOW }).execute();
    await db.insertInto('departments').values({ id: 'dept', name: 'Cardiology', description: null, created_at: NOW, updated_at: NOW }).execute();
    for (const id of ['doc1', 'doc2']) {
      await user(id, 'doctor');
      await db
        .insertInto('doctors')
        .values({ user_id: id, department_id: 'dept', specialization: 'Cardiology', experience_years: null, bio: null, slot_minutes: 30, deleted_at: null, created_at: NOW, updated_at: NOW })
        .execute();
    }
    for (const id of ['pat1', 'pat2', 'pat3']) {
      await user(id, 'patient');
      await db
        .insertInto('patients')
        .values({ user_id: id, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: NOW, updated_at: NOW })
        .execute();
    }
    const book = (id: string, doctor: string, patient: string, status: 'booked' | 'cancelled' = 'booked') =>
      db
        .insertInto('appointments')
        .values({ id, doctor_id: doctor, patient_id: patient, start_at: START, end_at: '2026-12-02T10:00:00.000Z', status, reason: null, cancel_reason: null, cancelled_by: null, created_at: NOW, updated_at: NOW })
        .execute();

    await book('a1', 'doc1', 'pat1');
    const sameDoctor = await rejection(() => book('a2', 'doc1', 'pat2'));
    expect((sameDoctor as { code?: string }).code).toBe('23505');
    expect(isUniqueViolation(sameDoctor)).toBe(true);
    const samePatient = await rejection(() => book('a3', 'doc2', 'pat1'));
    expect(isUniqueViolation(samePatient)).toBe(true);

    await db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', 'a1').execute();
    await book('a4', 'doc1', 'pat2');
    await book('a5', 'doc1', 'pat3', 'cancelled');
    await book('a6', 'doc2', 'pat1');

    const foreignKey = await rejection(() => book('a7', 'nobody', 'pat3'));
    expect((foreignKey as { code?: string }).code).toBe('23503');
    expect(isUniqueViolation(foreignKey)).toBe(false);
  });

  test('email_deliveries keeps one row per kind and subject', async () => {
    const delivery = (id: string, kind: string) =>
      db.insertInto('email_deliveries').values({ id, kind, subject_id: 'appt-1', recipient: 'p@example.org', sent_at: NOW, status: 'sent', claimed_at: null }).execute();
    await delivery('d1', 'booking_confirmation');
    expect(isUniqueViolation(await rejection(() => delivery('d2', 'booking_confirmation')))).toBe(true);
    await delivery('d3', 'reminder');
  });

  test('a DATABASE_URL that names the schema in its options (as the test world hands it to child processes) works in that schema', async () => {
    const schema = newSchemaName();
    await admin.query(`create schema "${schema}"`);
    schemas.push(schema);
    const config = loadConfig({ DATABASE_URL: urlWithSchema(url, schema) });
    expect(config.database.kind).toBe('postgres');
    const db = openDatabase(config.database);
    opened.push(db);
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).sort());
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    expect(rows[0]!.schema).toBe(schema);
    const tables = await admin.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'`, [schema]);
    expect(new Set(tables.rows.map((r) => r.table_name))).toEqual(new Set(TABLES));
  });

  test('urlWithSchema refuses a schema name that is not plain', () => {
    expect(() => urlWithSchema(url, 'x; drop schema public')).toThrow(/not a plain schema name/);
  });

  test('introspection (which the Migrator runs each time) reads only the schemas on the search path, with the same metadata as Kysely', async () => {
    // Another schema with a table of its own, as a test running beside this one would have.
    const intruder = newSchemaName();
    await admin.query(`create schema "${intruder}"`);
    schemas.push(intruder);
    await admin.query(`create table "${intruder}".intruder (id text primary key)`);

    const tables = await db.introspection.getTables();
    expect(new Set(tables.map((t) => t.name))).toEqual(new Set(TABLES));
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([schema]));
    const internal = await db.introspection.getTables({ withInternalKyselyTables: true });
    expect(internal.map((t) => t.name)).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock']));

    // Kysely's own introspector sees every schema; on ours it must say exactly what we say.
    const everything = await new PostgresIntrospector(db).getTables();
    expect(everything.some((t) => t.schema === intruder)).toBe(true);
    expect(everything.filter((t) => t.schema === schema)).toEqual(tables);
  });

  test('the connection works in the test schema only', async () => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    expect(rows[0]!.schema).toBe(schema);
  });
});
