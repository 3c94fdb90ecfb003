/**
 * GET /api/patient/history?page=&pageSize=: the patient's own treatments, one per completed visit, most
 * recent visit first: `{ items: [{ appointmentId, date, doctorName, departmentName, diagnosis, prescription,
 * notes, nextVisit }], total }`. `date` is the visit's calendar date in the hospital's zone. The read is audited.
 */
import { auditRead } from '../../shared/db/audit';
import { dateInZone } from '../../shared/domain/calendar';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { ListOf, pageWindow } from '../../shared/schemas/lists';
import { HistoryEntry, PageOnlyQuery } from '../../shared/schemas/patient';

const app = newFunction().get(
  '/patient/history',
  describe({
    summary: 'My treatment history',
    operationId: 'listPatientHistory',
    responses: { 200: ListOf(HistoryEntry) },
  }),
  requireRole('patient'),
  query(PageOnlyQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const [rows, counted] = await Promise.all([
      db
        .selectFrom('treatments as t')
        .innerJoin('appointments as a', 'a.id', 't.appointment_id')
        .innerJoin('users as du', 'du.id', 'a.doctor_id')
        .innerJoin('doctors as d', 'd.user_id', 'a.doctor_id')
        .innerJoin('departments as dep', 'dep.id', 'd.department_id')
        .select(['t.appointment_id', 'a.start_at', 'du.name as doctor_name', 'dep.name as department_name', 't.diagnosis', 't.prescription', 't.notes', 't.next_visit'])
        .where('t.patient_id', '=', user.id)
        .where('a.patient_id', '=', user.id)
        .orderBy('a.start_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      db.selectFrom('treatments as t').select((eb) => eb.fn.countAll().as('n')).where('t.patient_id', '=', user.id).executeTakeFirstOrThrow(),
    ]);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'history_read',
      entity: 'treatment',
      ...requestSource(c),
    });
    const items: HistoryEntry[] = rows.map((row) => ({
      appointmentId: row.appointment_id,
      date: dateInZone(new Date(row.start_at), config.hospitalTimeZone),
      doctorName: row.doctor_name,
      departmentName: row.department_name,
      diagnosis: row.diagnosis,
      prescription: row.prescription,
      notes: row.notes,
      nextVisit: row.next_visit,
    }));
    return c.json({ items, total: Number(counted.n) }, 200);
  },
);

export default app;
