/**
 * GET /api/patient/appointments?status=&when=&page=&pageSize=: the patient's own appointments (API.md
 * "Patient"), `{ items, total }`. The order is what a person expects of their visits:
 * - `when=upcoming` (start at or after now): soonest first;
 * - `when=past` (start before now): most recent first;
 * - neither: the upcoming ones first, soonest first, then the past ones, most recent first; so page 1
 *   opens on what is next.
 * `status` narrows to `booked`, `completed` or `cancelled`. The read is audited.
 */
import { sql } from 'kysely';
import { patientAppointments, toPatientAppointment } from '../../shared/booking/appointments';
import { auditRead } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { PatientAppointmentDto } from '../../shared/schemas/booking';
import { ListOf, pageWindow } from '../../shared/schemas/lists';
import { PatientAppointmentsQuery } from '../../shared/schemas/patient';

const app = newFunction().get(
  '/patient/appointments',
  describe({
    summary: 'My appointments',
    description: 'Upcoming first (soonest first), then past (most recent first); `when` keeps one of the two, in that order.',
    operationId: 'listPatientAppointments',
    responses: { 200: ListOf(PatientAppointmentDto) },
  }),
  requireRole('patient'),
  query(PatientAppointmentsQuery),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const filters = c.req.valid('query');
    const now = clock();
    const nowIso = now.toISOString();
    const { offset, limit } = pageWindow(filters);

    let page = patientAppointments(db).where('a.patient_id', '=', user.id);
    // Counted on appointments alone (every appointment has its doctor and department: the joins drop none).
    let count = db.selectFrom('appointments as a').select((eb) => eb.fn.countAll().as('n')).where('a.patient_id', '=', user.id);
    if (filters.status) {
      page = page.where('a.status', '=', filters.status);
      count = count.where('a.status', '=', filters.status);
    }
    if (filters.when === 'upcoming') {
      page = page.where('a.start_at', '>=', nowIso).orderBy('a.start_at', 'asc').orderBy('a.id', 'asc');
      count = count.where('a.start_at', '>=', nowIso);
    } else if (filters.when === 'past') {
      page = page.where('a.start_at', '<', nowIso).orderBy('a.start_at', 'desc').orderBy('a.id', 'desc');
      count = count.where('a.start_at', '<', nowIso);
    } else {
      page = page
        .orderBy(sql`case when a.start_at >= ${nowIso} then 0 else 1 end`, 'asc')
        .orderBy(sql`case when a.start_at >= ${nowIso} then a.start_at end`, 'asc')
        .orderBy('a.start_at', 'desc')
        .orderBy('a.id', 'asc');
    }

    const [rows, counted] = await Promise.all([page.limit(limit).offset(offset).execute(), count.executeTakeFirstOrThrow()]);
    await auditRead(db, {
      at: now,
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'appointments_list',
      entity: 'appointment',
      ...requestSource(c),
    });
    return c.json({ items: rows.map(toPatientAppointment), total: Number(counted.n) }, 200);
  },
);

export default app;
