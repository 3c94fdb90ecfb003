/**
 * A patient's treatment history, most recent visit first, one page of it and the total: what the patient
 * reads of themself (GET /api/patient/history) and what their doctor reads (GET /api/doctor/patients/:id/history).
 * `date` is the visit's calendar date in the hospital's zone.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { dateInZone } from '../domain/calendar';

export interface HistoryRow {
  appointmentId: string;
  date: string;
  doctorName: string;
  departmentName: string;
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  nextVisit: string | null;
  treatmentId: string;
  authorId: string;
}

export async function historyPage(
  db: Kysely<Database>,
  patientId: string,
  page: { offset: number; limit: number },
  timeZone: string,
): Promise<{ items: HistoryRow[]; total: number }> {
  const [rows, counted] = await Promise.all([
    db
      .selectFrom('treatments as t')
      .innerJoin('appointments as a', 'a.id', 't.appointment_id')
      .innerJoin('users as du', 'du.id', 't.doctor_id')
      .innerJoin('doctors as d', 'd.user_id', 't.doctor_id')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .select(['t.id', 't.doctor_id', 't.appointment_id', 'a.start_at', 'du.name as doctor_name', 'dep.name as department_name', 't.diagnosis', 't.prescription', 't.notes', 't.next_visit'])
      .where('t.patient_id', '=', patientId)
      .where('a.patient_id', '=', patientId)
      .orderBy('a.start_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db.selectFrom('treatments as t').select((eb) => eb.fn.countAll().as('n')).where('t.patient_id', '=', patientId).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(counted.n),
    items: rows.map((row) => ({
      appointmentId: row.appointment_id,
      date: dateInZone(new Date(row.start_at), timeZone),
      doctorName: row.doctor_name,
      departmentName: row.department_name,
      diagnosis: row.diagnosis,
      prescription: row.prescription,
      notes: row.notes,
      nextVisit: row.next_visit,
      treatmentId: row.id,
      authorId: row.doctor_id,
    })),
  };
}
