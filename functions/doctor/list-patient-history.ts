/**
 * GET /api/doctor/patients/:id/history?page=&pageSize=: a patient's treatments from EVERY doctor, most recent
 * visit first (API.md "Doctor"), `{ patient: { id, name }, items, total }` — only if the patient is this
 * doctor's patient (a booked or completed appointment with them). Anyone else and a missing id get the one
 * 404, audited with the outcome `not_found`. A successful read is audited with the patient named, so the
 * patient's access log shows the doctor.
 */
import { doctorNotFound, isPatientOf } from '../../shared/booking/doctor-appointments';
import { auditRead } from '../../shared/db/audit';
import { historyPage } from '../../shared/patients/history';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { PatientHistoryResponse } from '../../shared/schemas/doctor';
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

    const history = await historyPage(db, patientId, { offset, limit }, config.hospitalTimeZone);
    await auditRead(db, {
      at: clock(),
      actorId: doctorId,
      actorRole: 'doctor',
      patientId,
      action: 'patient_history_read',
      entity: 'treatment',
      ...requestSource(c),
    });
    return c.json({ patient: { id: patient.id, name: patient.name }, ...history } satisfies PatientHistoryResponse, 200);
  },
);

export default app;
