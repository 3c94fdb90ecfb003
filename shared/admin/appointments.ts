/** Appointments as the admin sees them: with the doctor's and the patient's names and the department. */
import { APPOINTMENT_COLUMNS } from '../booking/appointments';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AdminAppointmentDto } from '../schemas/admin';

type Db = Kysely<Database> | Transaction<Database>;

export function adminAppointments(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('users as du', 'du.id', 'a.doctor_id')
    .innerJoin('users as pu', 'pu.id', 'a.patient_id')
    .innerJoin('doctors as d', 'd.user_id', 'a.doctor_id')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .select([
      ...APPOINTMENT_COLUMNS,
      'du.name as doctor_name',
      'pu.name as patient_name',
      'dep.id as department_id',
      'dep.name as department_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof adminAppointments>['execute']>>[number];

export function toAdminAppointment(row: Row): AdminAppointmentDto {
  return {
    id: row.id,
    doctorId: row.doctor_id,
    doctorName: row.doctor_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    patientId: row.patient_id,
    patientName: row.patient_name,
    start: row.start_at,
    end: row.end_at,
    status: row.status,
    reason: row.reason,
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
