/**
 * The admin's patient search on SQLite (ADR 022): an FTS5 table with the trigram tokenizer over each
 * patient's name, email, id and phone, kept by triggers, so `like '%part%'` of three characters or more is an
 * index lookup instead of a scan of every patient (some 250 ms at 100,000). PostgreSQL has its trigram GIN
 * indexes (the migration before); D1 keeps scanning (its FTS5 is not relied on here), so this runs on Node's
 * SQLite only. The fields are joined by U+0001, which no name, email, id or phone may hold, so a match never
 * spans two of them. The FTS row's rowid is the patients row's, so a trigger finds it without a scan.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** Workerd (D1) says so in its user agent; Node's SQLite is the only place this table is made. */
const inWorkerd = () => (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';

export const PATIENT_SEARCH_TEXT = sql.raw(
  "lower(u.name || char(1) || u.email || char(1) || u.id || char(1) || coalesce(p.phone, ''))",
);

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter || inWorkerd()) return;
  await sql`create virtual table patient_search using fts5(user_id unindexed, text, tokenize = 'trigram')`.execute(db);
  await sql`insert into patient_search (rowid, user_id, text)
    select p.rowid, p.user_id, ${PATIENT_SEARCH_TEXT} from patients p join users u on u.id = p.user_id`.execute(db);
  await sql`create trigger patient_search_insert after insert on patients begin
    insert into patient_search (rowid, user_id, text)
      select new.rowid, new.user_id, ${PATIENT_SEARCH_TEXT} from patients p join users u on u.id = p.user_id where p.rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger patient_search_phone after update of phone on patients begin
    delete from patient_search where rowid = old.rowid;
    insert into patient_search (rowid, user_id, text)
      select new.rowid, new.user_id, ${PATIENT_SEARCH_TEXT} from patients p join users u on u.id = p.user_id where p.rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger patient_search_user after update of name, email on users begin
    delete from patient_search where rowid in (select rowid from patients where user_id = new.id);
    insert into patient_search (rowid, user_id, text)
      select p.rowid, p.user_id, ${PATIENT_SEARCH_TEXT} from patients p join users u on u.id = p.user_id where p.user_id = new.id;
  end`.execute(db);
  await sql`create trigger patient_search_delete after delete on patients begin
    delete from patient_search where rowid = old.rowid;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter || inWorkerd()) return;
  for (const trigger of ['patient_search_insert', 'patient_search_phone', 'patient_search_user', 'patient_search_delete']) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  }
  await sql`drop table if exists patient_search`.execute(db);
}
