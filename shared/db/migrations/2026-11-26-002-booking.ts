/**
 * The booking core (issue 7): a doctor's weekly template and the dates set explicitly, remembered answers
 * for `Idempotency-Key`, the audit trail's role, patient and outcome, and the indexes the patient's and the
 * doctor's lists read by. Portable DDL, as the first migration (SQLite, PostgreSQL and D1).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The weekly template: a doctor's windows per ISO weekday (Monday 1), in the hospital's zone.
  await db.schema
    .createTable('doctor_weekly_hours')
    .addColumn('doctor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('doctor_weekly_hours_pk', ['doctor_id', 'weekday', 'start_time'])
    .execute();

  // A date set explicitly: its windows are its rows in doctor_availability (none at all is a day off).
  await db.schema
    .createTable('doctor_availability_dates')
    .addColumn('doctor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('doctor_availability_dates_pk', ['doctor_id', 'date'])
    .execute();

  // The first answer to a create with an Idempotency-Key, replayed to a repeat within 24 hours (ADR 018).
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();

  // Every appointment of a patient (the live-only unique index cannot serve "my past visits").
  await db.schema.createIndex('appointments_patient').on('appointments').columns(['patient_id', 'start_at']).execute();
  await db.schema.createIndex('appointments_doctor').on('appointments').columns(['doctor_id', 'start_at']).execute();

  await db.schema.alterTable('audit_log').addColumn('actor_role', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('patient_id', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('outcome', 'text').execute();
  await db.schema.createIndex('audit_log_patient').on('audit_log').columns(['patient_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_patient').ifExists().execute();
  for (const column of ['outcome', 'patient_id', 'actor_role']) {
    await db.schema.alterTable('audit_log').dropColumn(column).execute();
  }
  await db.schema.dropIndex('appointments_doctor').ifExists().execute();
  await db.schema.dropIndex('appointments_patient').ifExists().execute();
  await db.schema.dropIndex('idempotency_keys_created').ifExists().execute();
  for (const table of ['idempotency_keys', 'doctor_availability_dates', 'doctor_weekly_hours']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
