/**
 * Data for the background-work bench cases (issue 9), written straight into a fresh, migrated SQLite file
 * with prepared statements in one transaction each (a second or two for 100,000 rows):
 * - a day with N booked appointments (for the daily reminders): doctors × starts, each doctor and each
 *   patient at most once per start, as the partial unique indexes demand;
 * - one patient with N completed visits and their treatments (for the export).
 */
import SQLite from 'better-sqlite3';
import { newId } from '../../shared/ids';

const NOW = '2026-11-01T00:00:00.000Z';
/** Not a real hash: nobody signs in to these accounts. */
const NO_PASSWORD = 'bench-no-sign-in';

function insertUsers(db: SQLite.Database, role: 'doctor' | 'patient', count: number, tag: string): string[] {
  const user = db.prepare(`insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, ?, ?, ?, ?, 'active', ?, ?)`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    user.run(id, role, `${tag}-${role}-${i}@bench.local`, `${role === 'doctor' ? 'Dr ' : ''}Bench ${role} ${i}`, NO_PASSWORD, NOW, NOW);
    ids.push(id);
  }
  return ids;
}

function insertDepartment(db: SQLite.Database, tag: string): string {
  const id = newId();
  db.prepare('insert into departments (id, name, description, created_at, updated_at) values (?, ?, null, ?, ?)').run(id, `Bench ${tag}`, NOW, NOW);
  return id;
}

function insertDoctors(db: SQLite.Database, count: number, tag: string): string[] {
  const department = insertDepartment(db, tag);
  const ids = insertUsers(db, 'doctor', count, tag);
  const doctor = db.prepare(
    'insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, deleted_at, created_at, updated_at) values (?, ?, ?, null, null, 15, null, ?, ?)',
  );
  for (const id of ids) doctor.run(id, department, 'General practice', NOW, NOW);
  return ids;
}

function insertPatients(db: SQLite.Database, count: number, tag: string): string[] {
  const ids = insertUsers(db, 'patient', count, tag);
  const patient = db.prepare('insert into patients (user_id, phone, date_of_birth, gender, address, blood_group, created_at, updated_at) values (?, null, null, null, null, null, ?, ?)');
  for (const id of ids) patient.run(id, NOW, NOW);
  return ids;
}

/**
 * `appointments` booked appointments starting between `dayStart` and `dayStart + 24 h` (UTC instants),
 * spread over 100 starts; answers how many.
 */
export function seedReminderDay(path: string, options: { appointments: number; dayStart: Date }): number {
  const db = new SQLite(path);
  try {
    const starts = 100;
    const perStart = Math.ceil(options.appointments / starts);
    let made = 0;
    db.transaction(() => {
      const doctors = insertDoctors(db, perStart, 'reminders');
      const patients = insertPatients(db, perStart, 'reminders');
      const appointment = db.prepare(
        `insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, cancel_reason, cancelled_by, created_at, updated_at) values (?, ?, ?, ?, ?, 'booked', null, null, null, ?, ?)`,
      );
      const stepMs = Math.floor((24 * 3600_000) / starts);
      for (let s = 0; s < starts && made < options.appointments; s++) {
        const start = new Date(options.dayStart.getTime() + s * stepMs);
        const end = new Date(start.getTime() + 10 * 60_000).toISOString();
        for (let p = 0; p < perStart && made < options.appointments; p++) {
          // Patient p sees doctor (p + s) at start s: no doctor and no patient twice at one start.
          appointment.run(newId(), doctors[(p + s) % perStart]!, patients[p]!, start.toISOString(), end, NOW, NOW);
          made++;
        }
      }
    })();
    return made;
  } finally {
    db.close();
  }
}

/** One patient with `visits` completed visits (with treatments) over the years before `before`; answers the patient's id. */
export function seedPatientVisits(path: string, options: { visits: number; before: Date }): string {
  const db = new SQLite(path);
  try {
    let patientId = '';
    db.transaction(() => {
      const doctors = insertDoctors(db, 10, 'export');
      patientId = insertPatients(db, 1, 'export')[0]!;
      const appointment = db.prepare(
        `insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, cancel_reason, cancelled_by, created_at, updated_at) values (?, ?, ?, ?, ?, 'completed', ?, null, null, ?, ?)`,
      );
      const treatment = db.prepare(
        'insert into treatments (id, appointment_id, doctor_id, patient_id, diagnosis, prescription, notes, next_visit, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (let i = 0; i < options.visits; i++) {
        const start = new Date(options.before.getTime() - (i + 1) * 26 * 3600_000);
        const end = new Date(start.getTime() + 30 * 60_000).toISOString();
        const appointmentId = newId();
        const doctor = doctors[i % doctors.length]!;
        appointment.run(appointmentId, doctor, patientId, start.toISOString(), end, 'Follow-up', NOW, NOW);
        treatment.run(
          newId(), appointmentId, doctor, patientId,
          `Essential hypertension, review ${i}, "stable", no change`,
          'Amlodipine 5 mg once daily; Ramipril 2.5 mg once daily',
          'Blood pressure 138/86. Advised on salt, exercise and alcohol.\nRecheck in four weeks.',
          null, NOW, NOW,
        );
      }
    })();
    return patientId;
  } finally {
    db.close();
  }
}
