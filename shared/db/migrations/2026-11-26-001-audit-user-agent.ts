/**
 * Every audit row carries the caller's user agent (issue 5, item 11): "who looked at my record" and an
 * investigation of a sign-in attack both need to tell one browser from another. Plain nullable text,
 * so the same statement runs on SQLite, PostgreSQL and D1.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('user_agent', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('user_agent').execute();
}
