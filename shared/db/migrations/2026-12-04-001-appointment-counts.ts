/**
 * The admin dashboard's all-time counts without a scan (issue 12, docs/benchmarks.md): `appointment_counts`
 * holds how many appointments each doctor has in each status, kept by triggers on `appointments` in the
 * same transaction as every insert, status change, move to another doctor and delete. The dashboard sums a
 * few thousand rows instead of grouping a million (1.2 s at a million appointments, on every read after a
 * booking). Counting per doctor, not per department, keeps the department chart as it was: a doctor's visits
 * follow them to the department they are in now. Triggers on all three databases (D1 is SQLite).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointment_counts')
    .addColumn('doctor_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('appointment_counts_pk', ['doctor_id', 'status'])
    .execute();
  await sql`insert into appointment_counts (doctor_id, status, n)
    select doctor_id, status, count(*) from appointments group by doctor_id, status`.execute(db);

  if (isPostgres(db)) {
    await sql`
      create function appointment_counts_keep() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update appointment_counts set n = n - 1 where doctor_id = old.doctor_id and status = old.status;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into appointment_counts (doctor_id, status, n) values (new.doctor_id, new.status, 1)
            on conflict (doctor_id, status) do update set n = appointment_counts.n + 1;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger appointment_counts_insert_delete after insert or delete on appointments
      for each row execute function appointment_counts_keep()`.execute(db);
    await sql`create trigger appointment_counts_update after update of doctor_id, status on appointments
      for each row when (old.doctor_id is distinct from new.doctor_id or old.status is distinct from new.status)
      execute function appointment_counts_keep()`.execute(db);
    return;
  }
  await sql`create trigger appointment_counts_insert after insert on appointments begin
    insert into appointment_counts (doctor_id, status, n) values (new.doctor_id, new.status, 1)
      on conflict (doctor_id, status) do update set n = n + 1;
  end`.execute(db);
  await sql`create trigger appointment_counts_update after update of doctor_id, status on appointments
    when old.doctor_id is not new.doctor_id or old.status is not new.status begin
    update appointment_counts set n = n - 1 where doctor_id = old.doctor_id and status = old.status;
    insert into appointment_counts (doctor_id, status, n) values (new.doctor_id, new.status, 1)
      on conflict (doctor_id, status) do update set n = n + 1;
  end`.execute(db);
  await sql`create trigger appointment_counts_delete after delete on appointments begin
    update appointment_counts set n = n - 1 where doctor_id = old.doctor_id and status = old.status;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists appointment_counts_insert_delete on appointments`.execute(db);
    await sql`drop trigger if exists appointment_counts_update on appointments`.execute(db);
    await sql`drop function if exists appointment_counts_keep()`.execute(db);
  } else {
    for (const trigger of ['appointment_counts_insert', 'appointment_counts_update', 'appointment_counts_delete']) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
  }
  await db.schema.dropTable('appointment_counts').ifExists().execute();
}
