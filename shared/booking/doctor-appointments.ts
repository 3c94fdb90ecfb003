/**
 * Reading appointments as their doctor sees them (API.md "Doctor"): one query shape (the appointment with
 * its patient's name and its treatment's id), the doctor's own appointment by id (someone else's and a
 * missing one are the same 404, audited), and who counts as "this doctor's patient".
 */
import { APPOINTMENT_COLUMNS } from './appointments';
import type { Context } from 'hono';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { writeAudit } from '../db/audit';
import { lockedOnPostgres } from '../db/dialect';
import type { AppointmentTable, Database, TreatmentTable } from '../db/schema';
import { requestSource } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { conflict, notFound } from '../http/errors';
import { requestedId } from '../patients/own-appointment';
import type { DoctorAppointmentDto, DoctorTreatmentDto } from '../schemas/doctor';

type Db = Kysely<Database> | Transaction<Database>;

/** Appointments with their patient's name and treatment id; add `where` clauses and an order. */
export function doctorAppointments(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('users as pu', 'pu.id', 'a.patient_id')
    .leftJoin('treatments as t', 't.appointment_id', 'a.id')
    .select([
      ...APPOINTMENT_COLUMNS,
      'pu.name as patient_name',
      't.id as treatment_id',
    ]);
}

export type DoctorAppointmentRow = Selectable<AppointmentTable> & { patient_name: string; treatment_id: string | null };

export function toDoctorAppointment(row: DoctorAppointmentRow): DoctorAppointmentDto {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: row.patient_name,
    start: row.start_at,
    end: row.end_at,
    status: row.status,
    reason: row.reason,
    cancelReason: row.cancel_reason,
    treatmentId: row.treatment_id,
  };
}

export function toDoctorTreatment(row: Selectable<TreatmentTable>): DoctorTreatmentDto {
  return {
    id: row.id,
    appointmentId: row.appointment_id,
    patientId: row.patient_id,
    authorId: row.doctor_id,
    diagnosis: row.diagnosis,
    prescription: row.prescription,
    notes: row.notes,
    nextVisit: row.next_visit,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** 409 `state` for an appointment that is no longer booked. */
export const notBooked = () => conflict('state', 'Only a booked appointment can be changed: this one is already completed or cancelled.');

/**
 * Audits a doctor's attempt at something that is not theirs or does not exist (outcome `not_found`), then
 * answers the one 404 both get. The patient is not named: for a missing id there is none, and naming one
 * for someone else's object would make the two answers differ in the trail.
 */
export async function doctorNotFound(c: Context<AppEnv>, what: string, action: string, entity: string, id: string): Promise<never> {
  const { db, clock } = c.env.deps;
  await writeAudit(db, {
    at: clock(),
    actorId: c.var.user.id,
    actorRole: 'doctor',
    action,
    entity,
    entityId: requestedId(id),
    outcome: 'not_found',
    ...requestSource(c),
  });
  throw notFound(what);
}

/** The signed-in doctor's appointment `id`, or the audited 404. */
export async function ownDoctorAppointment(c: Context<AppEnv>, id: string, action: string): Promise<DoctorAppointmentRow> {
  const row = await doctorAppointments(c.env.deps.db).where('a.id', '=', id).where('a.doctor_id', '=', c.var.user.id).executeTakeFirst();
  return row ?? doctorNotFound(c, 'That appointment', action, 'appointment', id);
}

/**
 * "This doctor's patient": someone with an appointment with this doctor that was not cancelled (booked, or
 * completed). The one definition behind the dashboard's count, the patient list and the history's gate.
 */
export function doctorPatientIds(db: Db, doctorId: string) {
  return db.selectFrom('appointments').select('patient_id').where('doctor_id', '=', doctorId).where('status', '<>', 'cancelled');
}

export async function isPatientOf(db: Db, doctorId: string, patientId: string): Promise<boolean> {
  const row = await doctorPatientIds(db, doctorId).where('patient_id', '=', patientId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Inside a change's transaction, before its writes: the appointment is still booked. On PostgreSQL the row
 * stays locked until the transaction ends (SQLite: one writer at a time already; D1 cannot lock, and the
 * unique index on treatments.appointment_id decides there), so two changes of one appointment at once
 * cannot both pass.
 */
export async function stillBooked(trx: Db, id: string): Promise<void> {
  const row = await lockedOnPostgres(trx, trx.selectFrom('appointments').select('status').where('id', '=', id)).executeTakeFirst();
  if (row?.status !== 'booked') throw notBooked();
}
