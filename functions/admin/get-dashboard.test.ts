import { describe, expect, test } from 'vitest';
import { bumpDashboard, DASHBOARD_ANSWER_KEY } from '../../shared/admin/dashboard-cache';
import { at, insertAppointment, sessionCookie } from '../../tests/support/booking';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import register from '../auth/register';
import book from '../patient/book-appointment';
import cancel from '../patient/cancel-appointment';
import reschedule from '../patient/reschedule-appointment';
import getDashboard from './get-dashboard';

// Half an hour off the hour: 2026-12-01T08:00Z is 13:30 on Tuesday 1 December in Kolkata.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Asia/Kolkata' });
const deps = () => world().deps;

describe('GET /api/admin/dashboard', () => {
  test('counts, today, the per-day chart in the hospital zone (30 days back to the end of the booking window) and per department', async () => {
    const { c } = await signedIn(deps(), [getDashboard], 'admin');
    const cardiology = await createDepartment(deps(), { name: 'Cardiology' });
    const dermatology = await createDepartment(deps(), { name: 'Dermatology' });
    await createDepartment(deps(), { name: 'Empty ward' });
    const heart = await createDoctor(deps(), { departmentId: cardiology.id });
    const skin = await createDoctor(deps(), { departmentId: dermatology.id });
    const removed = await createDoctor(deps(), { departmentId: cardiology.id, deleted: true });
    const p1 = await createUser(deps(), { role: 'patient' });
    const p2 = await createUser(deps(), { role: 'patient' });
    const add = (doctorId: string, start: string, status: 'booked' | 'completed' | 'cancelled' = 'booked') => insertAppointment(deps(), { doctorId, patientId: p1.id, start, status });
    await add(heart.id, at(deps(), '2026-12-01', '00:15')); // 30 Nov 18:45 UTC, but today in Kolkata
    await add(heart.id, at(deps(), '2026-12-01', '15:00'), 'cancelled');
    await add(heart.id, at(deps(), '2026-11-30', '23:45'), 'completed'); // 30 Nov 18:15 UTC: yesterday
    await add(skin.id, at(deps(), '2026-11-01', '09:00'), 'completed'); // the chart's first day
    await add(skin.id, at(deps(), '2026-10-31', '09:00'), 'completed'); // before the chart
    await add(removed.id, at(deps(), '2026-12-07', '16:30')); // the booking window's last day
    await insertAppointment(deps(), { doctorId: skin.id, patientId: p2.id, start: at(deps(), '2026-12-08', '09:00') }); // after the chart

    const res = await c.get('/api/admin/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { series, ...totals } = res.body;
    expect(totals).toEqual({ doctors: 2, patients: 2, appointments: { total: 7, booked: 3, completed: 3, cancelled: 1, today: 1 } });
    expect(series.perDay).toHaveLength(37);
    expect(series.perDay[0]).toEqual({ date: '2026-11-01', booked: 0, completed: 1, cancelled: 0 });
    expect(series.perDay[36]).toEqual({ date: '2026-12-07', booked: 1, completed: 0, cancelled: 0 });
    const day = (date: string) => series.perDay.find((d: { date: string }) => d.date === date);
    expect(day('2026-11-30')).toEqual({ date: '2026-11-30', booked: 0, completed: 1, cancelled: 0 });
    expect(day('2026-12-01')).toEqual({ date: '2026-12-01', booked: 1, completed: 0, cancelled: 1 });
    expect(series.perDay.reduce((n: number, d: { booked: number; completed: number; cancelled: number }) => n + d.booked + d.completed + d.cancelled, 0)).toBe(5);
    expect(series.byDepartment).toEqual([
      { departmentId: cardiology.id, name: 'Cardiology', appointments: 4 },
      { departmentId: dermatology.id, name: 'Dermatology', appointments: 3 },
      { departmentId: expect.any(String), name: 'Empty ward', appointments: 0 },
    ]);
  });

  test('a cached answer is served until the numbers change: a booking, a reschedule, a cancellation and a registration each show on the next read', async () => {
    const { c } = await signedIn(deps(), [getDashboard], 'admin');
    const first = (await c.get('/api/admin/dashboard')).body;
    expect(await deps().cache.get(DASHBOARD_ANSWER_KEY)).toContain(JSON.stringify(first));

    // Written behind the API's back (no bump): the cached answer stands.
    const doctor = await createDoctor(deps());
    const patient = await createUser(deps(), { role: 'patient' });
    await insertAppointment(deps(), { doctorId: doctor.id, patientId: patient.id, start: at(deps(), '2026-12-03', '09:00'), status: 'completed' });
    expect((await c.get('/api/admin/dashboard')).body).toEqual(first);

    const p = testClient(deps(), [book, reschedule, cancel], { clientAddress: '198.51.100.61' });
    p.cookie = await sessionCookie(deps(), patient.id);
    const booked = await p.post('/api/patient/appointments', { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:30') } });
    expect(booked.status).toBe(201);
    const afterBooking = (await c.get('/api/admin/dashboard')).body;
    expect(afterBooking.appointments).toEqual({ ...first.appointments, total: first.appointments.total + 2, booked: first.appointments.booked + 1, completed: first.appointments.completed + 1 });
    expect(afterBooking.doctors).toBe(first.doctors + 1);

    expect((await p.post(`/api/patient/appointments/${booked.body.id}/reschedule`, { json: { start: at(deps(), '2026-12-01', '16:00') } })).status).toBe(200);
    expect((await c.get('/api/admin/dashboard')).body.appointments.today).toBe(first.appointments.today + 1);

    expect((await p.post(`/api/patient/appointments/${booked.body.id}/cancel`, { json: {} })).status).toBe(200);
    expect((await c.get('/api/admin/dashboard')).body.appointments).toMatchObject({ booked: first.appointments.booked, cancelled: first.appointments.cancelled + 1 });

    const r = testClient(deps(), [register], { clientAddress: '198.51.100.62' });
    expect((await r.post('/api/auth/register', { json: { name: 'Nia Brook', email: 'nia.brook@example.org', password: 'lantern orchard quietly 77' } })).status).toBe(201);
    expect((await c.get('/api/admin/dashboard')).body.patients).toBe(first.patients + 2);
  });

  test('reads that miss together share one computation (a stampede of fifty tabs after a booking computes once)', async () => {
    const { user } = await signedIn(deps(), [getDashboard], 'admin');
    // The same database, with every query that reads appointments (or their kept counts) counted on its way in.
    let appointmentQueries = 0;
    const counted = deps().db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode' && /"appointment(s|_counts)"/.test(JSON.stringify(args.node))) appointmentQueries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const tabs = testClient({ ...deps(), db: counted }, [getDashboard]);
    tabs.cookie = await sessionCookie(deps(), user.id);
    await bumpDashboard(deps().cache);
    const answers = await Promise.all(Array.from({ length: 10 }, () => tabs.get('/api/admin/dashboard')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    // One computation reads them three times (by status and by department from the counts, by minute), not thirty.
    expect(appointmentQueries).toBe(3);
  });

  test('signed out is 401; doctors and patients are 403', async () => {
    expect((await testClient(deps(), [getDashboard]).get('/api/admin/dashboard')).status).toBe(401);
    for (const role of ['doctor', 'patient'] as const) {
      const { c } = await signedIn(deps(), [getDashboard], role);
      const res = await c.get('/api/admin/dashboard');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
