/**
 * GET /api/doctor/appointments?status=&from=&to=&page=&pageSize=: the signed-in doctor's appointments,
 * `{ items, total }`, soonest first (API.md "Doctor"). `from` and `to` are calendar dates in the hospital's
 * zone, both included; `to` before `from` is 400 naming `to`. Doctors only.
 */
import { doctorAppointments, toDoctorAppointment } from '../../shared/booking/doctor-appointments';
import { instantsOfDates } from '../../shared/booking/schedules';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DoctorAppointmentDto, DoctorAppointmentsQuery } from '../../shared/schemas/doctor';
import { ListOf, pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/doctor/appointments',
  describe({
    summary: 'My appointments',
    operationId: 'listDoctorAppointments',
    description: "Soonest first. `from` and `to` are calendar dates in the hospital's zone, both included.",
    responses: { 200: ListOf(DoctorAppointmentDto) },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  query(DoctorAppointmentsQuery),
  async (c) => {
    const { db, config } = c.env.deps;
    const filters = c.req.valid('query');
    const { offset, limit } = pageWindow(filters);
    const zone = config.hospitalTimeZone;

    let page = doctorAppointments(db).where('a.doctor_id', '=', c.var.user.id);
    let count = db.selectFrom('appointments as a').select((eb) => eb.fn.countAll().as('n')).where('a.doctor_id', '=', c.var.user.id);
    if (filters.status) {
      page = page.where('a.status', '=', filters.status);
      count = count.where('a.status', '=', filters.status);
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
      page.orderBy('a.start_at', 'asc').orderBy('a.id', 'asc').limit(limit).offset(offset).execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    return c.json({ items: rows.map(toDoctorAppointment), total: Number(counted.n) }, 200);
  },
);

export default app;
