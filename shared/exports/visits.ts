/**
 * The completed visits of one patient, oldest first, read in keyset-paged batches (ADR 027): the export
 * never holds the whole history at once, and a page is found by the index on the sort key instead of
 * counting past every earlier row (as OFFSET would). Plain comparisons: the same SQL on SQLite,
 * PostgreSQL and D1.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const VISIT_BATCH = 200;

export interface ExportVisit {
  treatmentId: string;
  appointmentId: string;
  startAt: string;
  endAt: string;
  doctorId: string;
  doctorName: string;
  departmentName: string;
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  nextVisit: string | null;
  recordedAt: string;
}

function completedVisits(db: Kysely<Database>, patientId: string) {
  return db
    .selectFrom('treatments as t')
    .innerJoin('appointments as a', 'a.id', 't.appointment_id')
    .where('t.patient_id', '=', patientId)
    .where('a.patient_id', '=', patientId)
    .where('a.status', '=', 'completed');
}

export async function countVisits(db: Kysely<Database>, patientId: string): Promise<number> {
  const row = await completedVisits(db, patientId).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Yields the visits a batch at a time; each batch is read only when the previous one has been used. */
export async function* visitBatches(db: Kysely<Database>, patientId: string, size = VISIT_BATCH): AsyncGenerator<ExportVisit[]> {
  let after: { startAt: string; treatmentId: string } | null = null;
  for (;;) {
    let page = completedVisits(db, patientId)
      .innerJoin('users as du', 'du.id', 't.doctor_id')
      .innerJoin('doctors as d', 'd.user_id', 't.doctor_id')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .select([
        't.id as treatment_id',
        'a.id as appointment_id',
        'a.start_at',
        'a.end_at',
        't.doctor_id',
        'du.name as doctor_name',
        'dep.name as department_name',
        't.diagnosis',
        't.prescription',
        't.notes',
        't.next_visit',
        't.created_at',
      ])
      .orderBy('a.start_at')
      .orderBy('t.id')
      .limit(size);
    if (after) {
      const { startAt, treatmentId } = after;
      // (start_at, id) > (last start_at, last id), spelled out: row values are not on every engine.
      page = page.where((eb) => eb.or([eb('a.start_at', '>', startAt), eb.and([eb('a.start_at', '=', startAt), eb('t.id', '>', treatmentId)])]));
    }
    const rows = await page.execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      treatmentId: r.treatment_id,
      appointmentId: r.appointment_id,
      startAt: r.start_at,
      endAt: r.end_at,
      doctorId: r.doctor_id,
      doctorName: r.doctor_name,
      departmentName: r.department_name,
      diagnosis: r.diagnosis,
      prescription: r.prescription,
      notes: r.notes,
      nextVisit: r.next_visit,
      recordedAt: r.created_at,
    }));
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = { startAt: last.start_at, treatmentId: last.treatment_id };
  }
}
