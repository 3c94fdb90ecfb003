/**
 * Background work (issue 9, ADR 024).
 * - email_deliveries gains a state: a row is claimed (`sending`) before the mail goes out and marked
 *   `sent` after, so a retried job skips a sent mail and a crashed one is recognised (shared/mail/deliver-once.ts).
 * - exports gain their expiry, progress and the one-running-export-per-patient rule (a partial unique
 *   index, so two parallel requests cannot both start one).
 * - export_files holds the finished CSV and FHIR files in the database: the worker that writes them may run
 *   on another machine than the API that serves them.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_deliveries').addColumn('status', 'text', (c) => c.notNull().defaultTo('sent')).execute();
  await db.schema.alterTable('email_deliveries').addColumn('claimed_at', 'text').execute();

  await db.schema.alterTable('exports').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('exports').addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('exports').addColumn('total', 'integer').execute();
  await db.schema
    .createIndex('exports_one_running')
    .on('exports')
    .column('patient_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('queued', 'running')`)
    .execute();

  await db.schema
    .createTable('export_files')
    .addColumn('export_id', 'text', (c) => c.notNull().references('exports.id'))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'fhir')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('export_files_pk', ['export_id', 'format'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('export_files').ifExists().execute();
  await db.schema.dropIndex('exports_one_running').ifExists().execute();
}
