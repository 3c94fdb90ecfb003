/**
 * GET /api/doctor/dashboard: the signed-in doctor's day and week (API.md "Doctor"):
 * `{ today, week, patientCount }`. `today` is every appointment (any status) on today's date in the
 * hospital's zone, `week` today and the next 6 days, both by start; `patientCount` the distinct patients
 * with a booked or completed appointment with this doctor, ever. Doctors only.
 */
import { doctorAppointments, doctorPatientIds, toDoctorAppointment } from '../../shared/booking/doctor-appointments';
import { instantsOfDates } from '../../shared/booking/schedules';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays } from '../../shared/domain/zoned-time';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { DoctorDashboard } from '../../shared/schemas/doctor';

const app = newFunction().get(
  '/doctor/dashboard',
  describe({
    summary: 'My day and week',
    operationId: 'getDoctorDashboard',
    description: "Today's and this week's appointments (today and the next 6 days in the hospital's zone, every status, by start) and how many patients this doctor has.",
    responses: { 200: DoctorDashboard },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const doctorId = c.var.user.id;
    const today = dateInZone(clock(), config.hospitalTimeZone);
    const week = instantsOfDates(today, addDays(today, 6), config.hospitalTimeZone);
    const endOfToday = instantsOfDates(today, today, config.hospitalTimeZone).end;
    const [rows, counted] = await Promise.all([
      doctorAppointments(db)
        .where('a.doctor_id', '=', doctorId)
        .where('a.start_at', '>=', week.start)
        .where('a.start_at', '<', week.end)
        .orderBy('a.start_at')
        .orderBy('a.id')
        .execute(),
      db
        .selectFrom(doctorPatientIds(db, doctorId).distinct().as('p'))
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const weekItems = rows.map(toDoctorAppointment);
    return c.json(
      { today: weekItems.filter((a) => a.start < endOfToday), week: weekItems, patientCount: Number(counted.n) } satisfies DoctorDashboard,
      200,
    );
  },
);

export default app;
