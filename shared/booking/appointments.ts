/**
 * Reading appointments as their patient sees them: one query shape (the appointment with its doctor's
 * name and department) for the list, one appointment, and the answers of book, reschedule and cancel.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AppointmentTable, Database, TreatmentTable } from '../db/schema';
import type { PatientAppointmentDto, TreatmentDto } from '../schemas/booking';

type Db = Kysely<Database> | Transaction<Database>;

/** Every column of an appointment (as `a`), for the lists of each role to select with their own joins. */
export const APPOINTMENT_COLUMNS = [
  'a.id',
  'a.doctor_id',
  'a.patient_id',
  'a.start_at',
  'a.end_at',
  'a.status',
  'a.reason',
  'a.cancel_reason',
  'a.cancelled_by',
  'a.created_at',
  'a.updated_at',
] as const;

/** Appointments joined with what a patient sees of their doctor; add `where` clauses and an order. */
export function patientAppointments(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('users as du', 'du.id', 'a.doctor_id')
    .innerJoin('doctors as d', 'd.user_id', 'a.doctor_id')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .select([
      ...APPOINTMENT_COLUMNS,
      'du.name as doctor_name',
      'dep.name as department_name',
    ]);
}

export type PatientAppointmentRow = Selectable<AppointmentTable> & { doctor_name: string; department_name: string };

export function toPatientAppointment(row: PatientAppointmentRow): PatientAppointmentDto {
  return {
    id: row.id,
    doctorId: row.doctor_id,
    doctorName: row.doctor_name,
    departmentName: row.department_name,
    start: row.start_at,
    end: row.end_at,
    status: row.status,
    reason: row.reason,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toTreatment(row: Selectable<TreatmentTable>): TreatmentDto {
  return {
    id: row.id,
    diagnosis: row.diagnosis,
    prescription: row.prescription,
    notes: row.notes,
    nextVisit: row.next_visit,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
