/**
 * What the load cases need from the running Wardline (tests/bench/cases.ts `Context`): sessions, and ids
 * from the seeded demo hospital it runs on. Booking needs a free slot for every request of the run, so
 * bench doctors are added beside the demo hospital, in a department of their own, with 5-minute slots all
 * day, every day (some 1,900 each in the booking window), and as many bench patients, one per doctor: 48
 * pairs give some 90,000 bookings, more than a full run makes at 1,500 a second.
 */
import { sql, type Kysely } from 'kysely';
import { DEMO_PASSWORDS } from '../../scripts/seed/demo-hospital';
import type { Context } from './cases';
import type { Database } from '../../shared/db/schema';
import { openDatabase } from '../../shared/runtime/node/database';
import { ADMIN, registerPatients, signIn, signInAs, type Wardline } from './processes';

/** Bench patients, each paired with a doctor of their own, who take turns booking. */
const BOOKING_PAIRS = 48;
const SLOT_MINUTES = 5;

export async function benchContext(wardline: Wardline): Promise<Context> {
  const api = `http://127.0.0.1:${wardline.port}`;
  // The database Wardline runs on, SQLite or PostgreSQL, through the same Kysely it uses.
  const url = wardline.databasePath;
  const db = openDatabase(/^postgres(ql)?:\/\//.test(url) ? { kind: 'postgres', url } : { kind: 'sqlite', path: url });
  try {
    const department = (
      await sql<{ id: string }>`select d.department_id as id, count(*) as doctors from doctors d join users u on u.id = d.user_id
         where u.status = 'active' and d.deleted_at is null and d.department_id not like 'bench-department-%'
         group by d.department_id order by doctors desc, d.department_id limit 1`.execute(db)
    ).rows[0];
    if (!department) throw new Error('the bench database has no doctors: was the demo hospital seeded?');
    const departmentDoctorIds = (
      await db.selectFrom('doctors').select('user_id').where('department_id', '=', department.id).where('deleted_at', 'is', null).orderBy('user_id').execute()
    ).map((r) => r.user_id);
    // The demo patient with the most visits (the demo's accounts share one password; a large seed's new
    // patients have it too, but the demo's are the ones the portals show).
    const patient = (
      await sql<{ email: string }>`select u.email from users u join appointments a on a.patient_id = u.id
         where u.role = 'patient' and u.email not like '%.%.%@%' group by u.id, u.email order by count(*) desc, u.email limit 1`.execute(db)
    ).rows[0]!;
    // A demo doctor and the patient of theirs with the longest history.
    const doctorPatient = (
      await sql<{ doctor: string; patient: string }>`select du.email as doctor, a.patient_id as patient from appointments a join users du on du.id = a.doctor_id
         where a.status = 'completed' group by a.doctor_id, du.email, a.patient_id order by count(*) desc, du.email limit 1`.execute(db)
    ).rows[0]!;
    const patients = await registerPatients(wardline.port, 8);
    const pairs = await addBookingPairs(db, patients[0]!.email);
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
    await db.destroy();
  }
}

/**
 * Doctors with every hour open, in a department of their own (so the department-slots case measures a demo
 * department as it is), and a patient for each, who shares the password of a registered bench patient (the
 * same hash, copied: registering through the API allows 10 an hour from one address).
 */
async function addBookingPairs(db: Kysely<Database>, registeredEmail: string): Promise<Array<{ doctorId: string; email: string }>> {
  const at = new Date().toISOString();
  const { password_hash: hash } = await db.selectFrom('users').select('password_hash').where('email', '=', registeredEmail).executeTakeFirstOrThrow();
  const departmentId = `bench-department-${crypto.randomUUID()}`;
  const pairs: Array<{ doctorId: string; email: string }> = [];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('departments').values({ id: departmentId, name: `Bench ${departmentId}`, description: 'Bench bookings', created_at: at, updated_at: at }).execute();
    for (let i = 1; i <= BOOKING_PAIRS; i++) {
      const doctorId = crypto.randomUUID();
      const patientId = crypto.randomUUID();
      const email = `bench.booker.${i}.${patientId.slice(0, 8)}@example.org`;
      await trx
        .insertInto('users')
        .values([
          { id: doctorId, role: 'doctor', email: `bench.doctor.${doctorId}@bench.local`, name: `Bench Doctor ${i}`, password_hash: 'no sign-in', status: 'active', created_at: at, updated_at: at },
          { id: patientId, role: 'patient', email, name: `Bench Booker ${i}`, password_hash: hash, status: 'active', created_at: at, updated_at: at },
        ])
        .execute();
      await trx
        .insertInto('doctors')
        .values({ user_id: doctorId, department_id: departmentId, specialization: 'Bench bookings', experience_years: 1, bio: null, slot_minutes: SLOT_MINUTES, deleted_at: null, created_at: at, updated_at: at })
        .execute();
      await trx
        .insertInto('doctor_weekly_hours')
        .values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ doctor_id: doctorId, weekday, start_time: '00:00', end_time: '24:00' })))
        .execute();
      await trx.insertInto('patients').values({ user_id: patientId, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: at, updated_at: at }).execute();
      pairs.push({ doctorId, email });
    }
  });
  return pairs;
}
