/**
 * What the load cases need from the running Wardline (tests/bench/cases.ts `Context`): sessions, and ids
 * from the seeded demo hospital it runs on. Booking needs a free slot for every request of the run, so
 * bench doctors are added beside the demo hospital, in a department of their own, with 5-minute slots all
 * day, every day (some 1,900 each in the booking window), and as many bench patients, one per doctor: 48
 * pairs give some 90,000 bookings, more than a full run makes at 1,500 a second.
 */
import SQLite from 'better-sqlite3';
import { DEMO_PASSWORDS } from '../../scripts/seed/demo-hospital';
import type { Context } from './cases';
import { ADMIN, registerPatients, signIn, signInAs, type Wardline } from './processes';

/** Bench patients, each paired with a doctor of their own, who take turns booking. */
const BOOKING_PAIRS = 48;
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
    // A demo doctor and the patient of theirs with the longest history (every demo account shares one password).
    const doctorPatient = db
      .prepare(
        `select du.email as doctor, a.patient_id as patient from appointments a join users du on du.id = a.doctor_id
         where a.status = 'completed' group by a.doctor_id, a.patient_id order by count(*) desc, du.email limit 1`,
      )
      .get() as { doctor: string; patient: string };
    const patients = await registerPatients(wardline.port, 8);
    const pairs = addBookingPairs(db, patients[0]!.email);
    const now = Date.now();
    const windowStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
    const windowEnd = windowStart + 7 * 86_400_000;
    const step = SLOT_MINUTES * 60_000;
    // Past the minimum notice (60 minutes) with room for a long run.
    const first = Math.ceil((now + 70 * 60_000) / step) * step;
    const starts: string[] = [];
    for (let t = first; t < windowEnd; t += step) starts.push(new Date(t).toISOString());
    const cookies: string[] = [];
    for (const pair of pairs) cookies.push(await signInAs(wardline.port, { email: pair.email, password: patients[0]!.password }));
    // Request k of the run: pair k % n at start k / n. Each patient books each start once, with their own
    // doctor: no two requests of the run want the same slot or the same patient's time.
    const bodies: string[] = [];
    for (const start of starts) for (const pair of pairs) bodies.push(JSON.stringify({ doctorId: pair.doctorId, start, reason: 'Bench booking' }));
    const bookings = { headers: cookies.map((cookie) => ({ cookie, 'content-type': 'application/json' })), bodies };
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
      doctorCookie: await signInAs(wardline.port, { email: doctorPatient.doctor, password: DEMO_PASSWORDS[0]! }),
      doctorPatientId: doctorPatient.patient,
      // A seeded patient's email up to the @: one patient among the 100,000, as an admin looks someone up. (A
      // common name lists a page of 50, and each listed patient is an audited read: ADR 017.)
      searchQuery: `${patient.email.split('@')[0]!}@`,
      bookings,
    };
  } finally {
    db.close();
  }
}

/**
 * Doctors with every hour open, in a department of their own (so the department-slots case measures a demo
 * department as it is), and a patient for each, who shares the password of a registered bench patient (the
 * same hash, copied: registering through the API allows 10 an hour from one address).
 */
function addBookingPairs(db: SQLite.Database, registeredEmail: string): Array<{ doctorId: string; email: string }> {
  const at = new Date().toISOString();
  const { password_hash: hash } = db.prepare('select password_hash from users where email = ?').get(registeredEmail) as { password_hash: string };
  const departmentId = `bench-department-${crypto.randomUUID()}`;
  db.prepare("insert into departments (id, name, description, created_at, updated_at) values (?, ?, 'Bench bookings', ?, ?)").run(departmentId, `Bench ${departmentId}`, at, at);
  const user = db.prepare('insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, ?, ?, ?, ?, \'active\', ?, ?)');
  const doctor = db.prepare('insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, created_at, updated_at) values (?, ?, ?, 1, null, ?, ?, ?)');
  const patient = db.prepare('insert into patients (user_id, created_at, updated_at) values (?, ?, ?)');
  const hours = db.prepare("insert into doctor_weekly_hours (doctor_id, weekday, start_time, end_time) values (?, ?, '00:00', '24:00')");
  const pairs: Array<{ doctorId: string; email: string }> = [];
  db.transaction(() => {
    for (let i = 1; i <= BOOKING_PAIRS; i++) {
      const doctorId = crypto.randomUUID();
      const patientId = crypto.randomUUID();
      const email = `bench.booker.${i}.${patientId.slice(0, 8)}@example.org`;
      user.run(doctorId, 'doctor', `bench.doctor.${doctorId}@bench.local`, `Bench Doctor ${i}`, 'no sign-in', at, at);
      doctor.run(doctorId, departmentId, 'Bench bookings', SLOT_MINUTES, at, at);
      for (let weekday = 1; weekday <= 7; weekday++) hours.run(doctorId, weekday);
      user.run(patientId, 'patient', email, `Bench Booker ${i}`, hash, at, at);
      patient.run(patientId, at, at);
      pairs.push({ doctorId, email });
    }
  })();
  return pairs;
}
