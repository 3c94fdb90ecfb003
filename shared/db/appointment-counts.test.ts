/**
 * `appointment_counts` (migration 2026-12-04-001) always equals a count of the appointments themselves, by
 * doctor and status, whatever happens to them: booked, cancelled, completed, moved to another doctor,
 * deleted, many at once in one statement, or a change rolled back. And the migration's backfill counts what
 * was there before it.
 */
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { migrations } from './migrations';
import { insertAppointment } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';

const world = useTestWorld();

/** Both sides, as `doctor status n` lines, rows of zero left out. */
async function countsAndTruth() {
  const db = world().deps.db;
  const kept = await db.selectFrom('appointment_counts').select(['doctor_id', 'status', 'n']).execute();
  const truth = await db.selectFrom('appointments').select((eb) => ['doctor_id', 'status', eb.fn.countAll().as('n')]).groupBy(['doctor_id', 'status']).execute();
  const lines = (rows: { doctor_id: string; status: string; n: unknown }[]) =>
    rows.filter((r) => Number(r.n) !== 0).map((r) => `${r.doctor_id} ${r.status} ${Number(r.n)}`).sort();
  return { kept: lines(kept), truth: lines(truth) };
}

async function scene() {
  const deps = world().deps;
  const [a, b] = [await createDoctor(deps), await createDoctor(deps)];
  const patient = await createUser(deps);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    ids.push(await insertAppointment(deps, { doctorId: i < 4 ? a.id : b.id, patientId: patient.id, start: new Date(Date.UTC(2026, 11, 1, 8 + i)).toISOString() }));
  }
  return { deps, a, b, patient, ids };
}

describe('appointment_counts, kept by triggers', () => {
  test('inserts, status changes, a move to another doctor and deletes keep the counts equal to the rows', async () => {
    const { deps, b, ids } = await scene();
    expect((await countsAndTruth()).kept).toHaveLength(2);
    const db = deps.db;
    await db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', ids[0]!).execute();
    await db.updateTable('appointments').set({ status: 'completed' }).where('id', 'in', [ids[1]!, ids[4]!]).execute();
    await db.updateTable('appointments').set({ doctor_id: b.id }).where('id', '=', ids[2]!).execute();
    // An update that touches neither column, and one that sets a status to what it already is.
    await db.updateTable('appointments').set({ reason: 'changed' }).where('id', '=', ids[3]!).execute();
    await db.updateTable('appointments').set({ status: 'booked' }).where('id', '=', ids[3]!).execute();
    await db.deleteFrom('appointments').where('id', '=', ids[5]!).execute();
    const { kept, truth } = await countsAndTruth();
    expect(kept).toEqual(truth);
    expect(truth).toHaveLength(5);
  });

  test('a change rolled back leaves the counts as they were', async () => {
    const { deps, ids } = await scene();
    const before = await countsAndTruth();
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('appointments').set({ status: 'cancelled' }).where('id', 'in', ids).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await countsAndTruth()).toEqual(before);
    expect(before.kept).toEqual(before.truth);
  });

  test("the migration's backfill counts the appointments already there", async () => {
    const { a, b } = await scene();
    const db = world().deps.db;
    const migration = migrations['2026-12-04-001-appointment-counts']!;
    await migration.down!(db);
    await db.updateTable('appointments').set({ status: 'completed' }).where(sql.ref('status'), '=', 'booked').execute();
    await migration.up(db);
    const { kept, truth } = await countsAndTruth();
    expect(kept).toEqual(truth);
    expect(kept).toEqual(expect.arrayContaining([`${a.id} completed 4`, `${b.id} completed 2`]));
  });
});
