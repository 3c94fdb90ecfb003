/**
 * The administrator's work (issue 8):
 * - a department's name is unique in any letter case (an index on `lower(name)`; SQLite, PostgreSQL and D1
 *   all index expressions);
 * - the admin's patient search (`q` finds a part of the name, email, phone or id: ADR 022). On PostgreSQL,
 *   trigram GIN indexes (pg_trgm) serve `lower(col) like '%…%'` on each searched column; SQLite and D1 scan,
 *   which ADR 022 measured fast enough at 100,000 patients. The extension lives in `public` so a schema that is
 *   dropped (a test's) never takes it along.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const TRIGRAM_INDEXES = [
  ['users_name_trgm', 'users', 'lower(name)'],
  ['users_email_trgm', 'users', 'lower(email)'],
  ['users_id_trgm', 'users', 'lower(id)'],
  ['patients_phone_trgm', 'patients', 'lower(phone)'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index departments_name_lower on departments (lower(name))`.execute(db);
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    for (const [name, table, expression] of TRIGRAM_INDEXES) {
      await sql`create index ${sql.raw(name)} on ${sql.table(table)} using gin ((${sql.raw(expression)}) public.gin_trgm_ops)`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGRAM_INDEXES) await sql`drop index if exists ${sql.raw(name)}`.execute(db);
  await sql`drop index if exists departments_name_lower`.execute(db);
}
