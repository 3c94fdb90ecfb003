/**
 * The tamper-evident audit trail (issue 8 item 4, ADR 023): every audit row gets a place in one chain once
 * sealed (`seq`, 1, 2, 3 … without gaps; `prev_hash`, the hash of the row before; `hash`, of its own content
 * and place), and one head row remembers the last seq and hash (so a cut-off tail shows too). Rows are
 * inserted unsealed (all three null) as before; shared/db/audit-chain.ts seals them in order.
 * On PostgreSQL a trigger refuses every UPDATE and DELETE of audit_log except the sealing one, and a
 * TRUNCATE; the head only moves forward. SQLite and D1 have no such guard: the application never updates
 * or deletes an audit row, and verify notices a row changed by hand.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/** The hash before the first row. */
const GENESIS_HASH = '0'.repeat(64);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'bigint').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  await db.schema.createIndex('audit_log_seq').unique().on('audit_log').column('seq').execute();
  // The sealer's queue: only the unsealed rows, in the order they are sealed.
  await db.schema.createIndex('audit_log_unsealed').on('audit_log').columns(['at', 'id']).where(sql.ref('seq'), 'is', null).execute();

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_chain_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

  if (!isPostgres(db)) return;
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      -- The one change allowed: sealing an unsealed row, its content untouched.
      if tg_op = 'UPDATE' and old.seq is null and old.prev_hash is null and old.hash is null
         and new.seq is not null and new.prev_hash is not null and new.hash is not null
         and (to_jsonb(new) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(old) - 'seq' - 'prev_hash' - 'hash') then
        return new;
      end if;
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
  await sql`
    create function audit_chain_head_forward_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id and new.seq > old.seq then
        return new;
      end if;
      raise exception 'audit_chain_head only moves forward: % refused', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_chain_head_forward_only before update or delete on audit_chain_head for each row execute function audit_chain_head_forward_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists audit_chain_head_forward_only on audit_chain_head`.execute(db);
    await sql`drop function if exists audit_chain_head_forward_only()`.execute(db);
    await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
    await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(db);
    await sql`drop function if exists audit_log_append_only()`.execute(db);
  }
  await db.schema.dropTable('audit_chain_head').ifExists().execute();
  await db.schema.dropIndex('audit_log_unsealed').ifExists().execute();
  await db.schema.dropIndex('audit_log_seq').ifExists().execute();
  for (const column of ['hash', 'prev_hash', 'seq']) {
    await db.schema.alterTable('audit_log').dropColumn(column).execute();
  }
}
