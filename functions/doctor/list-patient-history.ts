/**
 * GET /api/doctor/patients/:id/history?page=&pageSize=: a patient's treatments from EVERY doctor, most recent
 * visit first (API.md "Doctor"), `{ patient: { id, name }, items, total }` — only if the patient is this
 * doctor's patient (a booked or completed appointment with them). Anyone else and a missing id get the one
 * 404, audited with the outcome `not_found`. A successful read is audited with the patient named, so the
 * patient's access log shows the doctor.
 */
import { doctorNotFound, isPatientOf } from '../../shared/booking/doctor-appointments';
import { auditRead } from '../../shared/db/audit';
import { dateInZone } from '../../shared/domain/calendar';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { PatientHistoryResponse, type PatientHistoryItem } from '../../shared/schemas/doctor';
import { pageWindow } from '../../shared/schemas/lists';
import { PageOnlyQuery } from '../../shared/schemas/patient';

const app = newFunction().get(
  '/doctor/patients/:id/history',
  describe({
    summary: "A patient's treatment history",
    operationId: 'listDoctorPatientHistory',
    description: "Every doctor's treatments of the patient, most recent visit first; only for this doctor's own patients.",
    responses: { 200: PatientHistoryResponse },
    errors: { 404: 'not_found: no such patient of this doctor' },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  query(PageOnlyQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const doctorId = c.var.user.id;
    const patientId = c.req.param('id');
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const [mine, patient] = await Promise.all([
      isPatientOf(db, doctorId, patientId),
      db.selectFrom('users').select(['id', 'name']).where('id', '=', patientId).where('role', '=', 'patient').executeTakeFirst(),
    ]);
    if (!mine || !patient) return doctorNotFound(c, 'That patient', 'patient_history_read', 'patient', patientId);

    const [rows, counted] = await Promise.all([
      db
        .selectFrom('treatments as t')
        .innerJoin('appointments as a', 'a.id', 't.appointment_id')
        .innerJoin('users as du', 'du.id', 't.doctor_id')
        .innerJoin('doctors as d', 'd.user_id', 't.doctor_id')
        .innerJoin('departments as dep', 'dep.id', 'd.department_id')
        .select(['t.id', 't.doctor_id', 't.appointment_id', 'a.start_at', 'du.name as doctor_name', 'dep.name as department_name', 't.diagnosis', 't.prescription', 't.notes', 't.next_visit'])
        .where('t.patient_id', '=', patientId)
        .orderBy('a.start_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      db.selectFrom('treatments as t').select((eb) => eb.fn.countAll().as('n')).where('t.patient_id', '=', patientId).executeTakeFirstOrThrow(),
    ]);
    await auditRead(db, {
      at: clock(),
      actorId: doctorId,
      actorRole: 'doctor',
      patientId,
      action: 'patient_history_read',
      entity: 'treatment',
      ...requestSource(c),
    });
    const items: PatientHistoryItem[] = rows.map((row) => ({
      appointmentId: row.appointment_id,
      date: dateInZone(new Date(row.start_at), config.hospitalTimeZone),
      doctorName: row.doctor_name,
      departmentName: row.department_name,
      diagnosis: row.diagnosis,
      prescription: row.prescription,
      notes: row.notes,
      nextVisit: row.next_visit,
      treatmentId: row.id,
      authorId: row.doctor_id,
    }));
    return c.json({ patient: { id: patient.id, name: patient.name }, items, total: Number(counted.n) } satisfies PatientHistoryResponse, 200);
  },
);

export default app;
