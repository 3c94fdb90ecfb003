/**
 * What the load cases need from the running Wardline (tests/bench/cases.ts `Context`): sessions, and ids
 * from the seeded demo hospital it runs on. Booking needs a free slot for every request of the run, so
 * eight bench doctors (one per booking connection) are added beside the demo hospital, in a department of
 * their own, with 5-minute slots all day, every day: some 1,900 slots each in the booking window, more than a full run books.
 */
import SQLite from 'better-sqlite3';
import { DEMO_PASSWORDS } from '../../scripts/seed/demo-hospital';
import type { Context } from './cases';
import { ADMIN, registerPatients, signIn, signInAs, type Wardline } from './processes';

const BOOKING_CONNECTIONS = 8;
const SLOT_MINUTES = 5;

export async function benchContext(wardline: Wardline): Promise<Context> {
  const api = `http://127.0.0.1:${wardline.port}`;
  const db = new SQLite(wardline.databasePath);
  db.pragma('busy_timeout = 5000');
  try {
    const department = db
      .prepare(
        `select d.department_id as id, count(*) as doctors from doctors d join users u on u.id = d.user_id
         where u.status = 'active' and d.deleted_at is null group by d.department_id order by doctors desc, d.department_id limit 1`,
      )
      .get() as { id: string } | undefined;
    if (!department) throw new Error('the bench database has no doctors: was the demo hospital seeded?');
    const departmentDoctorIds = (
      db.prepare('select user_id from doctors where department_id = ? and deleted_at is null order by user_id').all(department.id) as { user_id: string }[]
    ).map((r) => r.user_id);
    const patient = db
      .prepare(`select u.email from users u join appointments a on a.patient_id = u.id where u.role = 'patient' group by u.id order by count(*) desc, u.email limit 1`)
      .get() as { email: string };
    const bookingDoctors = addBookingDoctors(db);

    const patients = await registerPatients(wardline.port, BOOKING_CONNECTIONS);
    const now = Date.now();
    const windowStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
    const windowEnd = windowStart + 7 * 86_400_000;
    const step = SLOT_MINUTES * 60_000;
    // Past the minimum notice (60 minutes) with room for a long run.
    const first = Math.ceil((now + 70 * 60_000) / step) * step;
    const starts: string[] = [];
    for (let t = first; t < windowEnd; t += step) starts.push(new Date(t).toISOString());
    const bookings = await Promise.all(
      patients.map(async (p, i) => ({
        headers: { cookie: await signInAs(wardline.port, p), 'content-type': 'application/json' },
        // Each connection: its own patient and its own doctor, so no two requests of the run want one slot.
        bodies: starts.map((start) => JSON.stringify({ doctorId: bookingDoctors[i], start, reason: 'Bench booking' })),
      })),
    );
    return {
      api,
      cookie: await signIn(wardline.port),
      admin: ADMIN,
      patients,
      doctorId: departmentDoctorIds[0]!,
      departmentId: department.id,
      departmentDoctorIds,
      window: { from: new Date(windowStart).toISOString(), to: new Date(windowEnd).toISOString() },
      patientCookie: await signInAs(wardline.port, { email: patient.email, password: DEMO_PASSWORDS[0]! }),
      bookings,
    };
  } finally {
    db.close();
  }
}

/** In a department of their own, so the department-slots case measures a demo department as it is. */
function addBookingDoctors(db: SQLite.Database): string[] {
  const at = new Date().toISOString();
  const ids: string[] = [];
  const departmentId = `bench-department-${crypto.randomUUID()}`;
  db.prepare("insert into departments (id, name, description, created_at, updated_at) values (?, ?, 'Bench bookings', ?, ?)").run(departmentId, `Bench ${departmentId}`, at, at);
  const user = db.prepare("insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, 'doctor', ?, ?, 'no sign-in', 'active', ?, ?)");
  const doctor = db.prepare('insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, created_at, updated_at) values (?, ?, ?, 1, null, ?, ?, ?)');
  const hours = db.prepare("insert into doctor_weekly_hours (doctor_id, weekday, start_time, end_time) values (?, ?, '00:00', '24:00')");
  db.transaction(() => {
    for (let i = 1; i <= BOOKING_CONNECTIONS; i++) {
      const id = `bench-doctor-${i}-${crypto.randomUUID()}`;
      ids.push(id);
      user.run(id, `${id}@bench.local`, `Bench Doctor ${i}`, at, at);
      doctor.run(id, departmentId, 'Bench bookings', SLOT_MINUTES, at, at);
      for (let weekday = 1; weekday <= 7; weekday++) hours.run(id, weekday);
    }
  })();
  return ids;
}
