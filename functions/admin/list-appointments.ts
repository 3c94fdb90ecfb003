/**
 * GET /api/admin/appointments?status=&from=&to=&doctorId=&patientId=&page=&pageSize=: every appointment,
 * `{ items, total }`, newest first (API.md "Admin"). `from` and `to` are calendar dates in the hospital's
 * zone, both included; `to` before `from` is 400 naming `to`. Each patient whose appointments the page shows
 * gets an audited read (their access log names the admin), one row per patient, in the grouped commit.
 */
import { adminAppointments, toAdminAppointment } from '../../shared/admin/appointments';
import { instantsOfDates } from '../../shared/booking/schedules';
import { auditRead } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { AdminAppointmentList, AdminAppointmentListQuery } from '../../shared/schemas/admin';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/admin/appointments',
  describe({
    summary: 'All appointments',
    operationId: 'adminListAppointments',
    description: "Newest first. `from` and `to` are calendar dates in the hospital's zone, both included.",
    responses: { 200: AdminAppointmentList },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  query(AdminAppointmentListQuery),
  async (c) => {
    const { db, config, clock } = c.env.deps;
    const admin = c.var.user;
    const filters = c.req.valid('query');
    const { offset, limit } = pageWindow(filters);
    const zone = config.hospitalTimeZone;

    let page = adminAppointments(db);
    let count = db.selectFrom('appointments as a').select((eb) => eb.fn.countAll().as('n'));
    if (filters.status) {
      page = page.where('a.status', '=', filters.status);
      count = count.where('a.status', '=', filters.status);
    }
    if (filters.doctorId) {
      page = page.where('a.doctor_id', '=', filters.doctorId);
      count = count.where('a.doctor_id', '=', filters.doctorId);
    }
    if (filters.patientId) {
      page = page.where('a.patient_id', '=', filters.patientId);
      count = count.where('a.patient_id', '=', filters.patientId);
    }
    if (filters.from) {
      const start = instantsOfDates(filters.from, filters.from, zone).start;
      page = page.where('a.start_at', '>=', start);
      count = count.where('a.start_at', '>=', start);
    }
    if (filters.to) {
      const end = instantsOfDates(filters.to, filters.to, zone).end;
      page = page.where('a.start_at', '<', end);
      count = count.where('a.start_at', '<', end);
    }
    const [rows, counted] = await Promise.all([
      page.orderBy('a.start_at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    const now = clock();
    const source = requestSource(c);
    await Promise.all(
      [...new Set(rows.map((row) => row.patient_id))].map((patientId) =>
        auditRead(db, { at: now, actorId: admin.id, actorRole: 'admin', patientId, action: 'appointments_list', entity: 'appointment', ...source }),
      ),
    );
    return c.json({ items: rows.map(toAdminAppointment), total: Number(counted.n) } satisfies AdminAppointmentList, 200);
  },
);

export default app;
