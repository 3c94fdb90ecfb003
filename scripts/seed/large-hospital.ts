/**
 * `npm run seed -- --scale large` (issue 12): the demo hospital grown to a hospital group's size — 1,000
 * doctors, 100,000 patients and 1,000,000 appointments over the two years before today, most completed with a
 * treatment, some cancelled, and a few thousand booked in the coming week. It runs after the demo hospital
 * is written (scripts/seed.ts), so the demo's sign-ins and records stay as they are; the demo's doctors and
 * patients get no new appointments, so their pages look as they always did.
 *
 * Fast enough for 2 cores (ADR 030): everything is decided by a small seeded generator (not faker per row), wall
 * clock to instant conversions are made once per (day, slot), and rows go in multi-row INSERTs of 1,000 through
 * Kysely (the same SQL text each time, so SQLite reuses the prepared statement), committed every 50,000
 * appointments. Every invariant the database enforces holds by construction: one live appointment per doctor
 * and start (a bitmap of each doctor's slots) and per patient and start (a set of patient × slot numbers).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../shared/db/dialect';
import type { Database } from '../../shared/db/schema';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays, instantAt } from '../../shared/domain/zoned-time';
import { newId } from '../../shared/ids';
import { DEPARTMENTS, DOCTOR_CANCEL_REASONS, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, PATIENT_CANCEL_REASONS, type ConditionSpec } from './catalogue-data';
import { addMorePatients } from './more-patients';

export interface ScaleSizes {
  /** Doctors in all, the demo's included. */
  doctors: number;
  /** Patients in all, the demo's included. */
  patients: number;
  /** Appointments in all, the demo's included. */
  appointments: number;
  /** How far back the past visits go, in days. */
  days: number;
}

/** The named scales of `--scale`. `demo` is the demo hospital alone (what `npm run seed` makes). */
export const SCALES: Record<string, ScaleSizes | null> = {
  demo: null,
  large: { doctors: 1_000, patients: 100_000, appointments: 1_000_000, days: 730 },
};

/** Every new doctor's week: Monday to Friday, 09:00–12:30 and 13:30–17:00, 30-minute slots (14 a day). */
const WEEKLY_WINDOWS: Array<[string, string]> = [
  ['09:00', '12:30'],
  ['13:30', '17:00'],
];
const SLOT_CLOCKS = [
  '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00',
  '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30',
];
const SLOT_MINUTES = 30;
/** Share of the past visits that were cancelled (the rest were completed, each with a treatment). */
const PAST_CANCELLED = 0.1;
/** Booked visits in the coming week per new doctor (each patient holds at most one of these). */
const UPCOMING_PER_DOCTOR = 5;
const BATCH = 1_000;
const COMMIT_EVERY = 50_000;
const DAY_MS = 86_400_000;

export interface LargeProgress {
  step: string;
  done: number;
  total: number;
}

export interface LargeCounts {
  doctors: number;
  patients: number;
  appointments: number;
  treatments: number;
}

/** A small, fast, seeded generator (mulberry32): a million rows need tens of millions of draws. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Grows the database to `sizes`. Run on a database holding the demo hospital (its departments are reused).
 * Answers what it added.
 */
export async function addLargeHospital(
  db: Kysely<Database>,
  options: {
    sizes: ScaleSizes;
    passwordHash: string;
    now: Date;
    timeZone: string;
    staffDomain: string;
    /** The database is SQLite: the seed's connection may skip fsyncs (see below). */
    sqlite?: boolean;
    seed?: number;
    onProgress?: (p: LargeProgress) => void;
  },
): Promise<LargeCounts> {
  const { sizes, now, timeZone } = options;
  if (options.sqlite) {
    // A seed can be run again from nothing, so it needs no fsync at each commit; and a cache that holds the
    // indexes being filled (256 MB) saves re-reading their pages. This connection only, for this run.
    await sql`PRAGMA synchronous = OFF`.execute(db);
    await sql`PRAGMA cache_size = -262144`.execute(db);
  }
  const random = generator(options.seed ?? 20_261_201);
  const progress = options.onProgress ?? (() => {});
  const at = now.toISOString();
  const added: LargeCounts = { doctors: 0, patients: 0, appointments: 0, treatments: 0 };

  // Doctors, in the demo's departments, with the demo's specialisations and the conditions they treat.
  const departments = await db.selectFrom('departments').select(['id', 'name']).orderBy('name').execute();
  if (departments.length === 0) throw new Error('the large hospital grows the demo hospital: seed the demo first');
  const specOf = (name: string) => DEPARTMENTS.find((d) => d.name === name);
  const haveDoctors = Number((await db.selectFrom('doctors').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const newDoctors: Array<{ id: string; conditions: ConditionSpec[] }> = [];
  const doctorsWanted = Math.max(0, sizes.doctors - haveDoctors);
  await db.transaction().execute(async (trx) => {
    for (let done = 0; done < doctorsWanted; done += BATCH / 10) {
      const size = Math.min(BATCH / 10, doctorsWanted - done);
      const users = [];
      const doctors = [];
      const hours = [];
      for (let i = 0; i < size; i++) {
        const n = done + i;
        const department = departments[n % departments.length]!;
        const spec = specOf(department.name);
        const female = random.next() < 0.5;
        const first = random.pick(female ? FEMALE_NAMES : MALE_NAMES);
        const family = random.pick(FAMILY_NAMES);
        const id = newId();
        users.push({
          id,
          role: 'doctor' as const,
          // The number keeps every address unique however the names repeat.
          email: `${ascii(first)}.${ascii(family)}.${n}@${options.staffDomain}`,
          name: `Dr ${first} ${family}`,
          password_hash: options.passwordHash,
          status: 'active' as const,
          created_at: at,
          updated_at: at,
        });
        doctors.push({
          user_id: id,
          department_id: department.id,
          specialization: spec ? random.pick(spec.doctors).specialization : department.name,
          experience_years: 2 + random.int(30),
          bio: null,
          slot_minutes: SLOT_MINUTES,
          deleted_at: null,
          created_at: at,
          updated_at: at,
        });
        for (const weekday of [1, 2, 3, 4, 5]) {
          for (const [start, end] of WEEKLY_WINDOWS) hours.push({ doctor_id: id, weekday, start_time: start, end_time: end });
        }
        newDoctors.push({ id, conditions: spec?.conditions ?? DEPARTMENTS.flatMap((d) => d.conditions) });
      }
      await trx.insertInto('users').values(users).execute();
      await trx.insertInto('doctors').values(doctors).execute();
      await trx.insertInto('doctor_weekly_hours').values(hours).execute();
      progress({ step: 'doctors', done: done + size, total: doctorsWanted });
    }
  });
  added.doctors = newDoctors.length;

  // Patients: records like `--patients` makes (scripts/seed/more-patients.ts).
  const havePatients = Number((await db.selectFrom('patients').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (sizes.patients > havePatients) {
    added.patients = await addMorePatients(db, {
      count: sizes.patients - havePatients,
      passwordHash: options.passwordHash,
      now,
      onProgress: (done, total) => progress({ step: 'patients', done, total }),
    });
  }
  // The new appointments go to patients the demo has not given visits to.
  const patientIds = (
    await db
      .selectFrom('patients')
      .select('user_id')
      .where('user_id', 'not in', db.selectFrom('appointments').select('patient_id').distinct())
      .orderBy('user_id')
      .execute()
  ).map((r) => r.user_id);

  const haveAppointments = Number((await db.selectFrom('appointments').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const wanted = Math.max(0, sizes.appointments - haveAppointments);
  if (wanted === 0 || newDoctors.length === 0 || patientIds.length === 0) return added;

  // The calendar: the weekdays of the past `days` days and of the coming week, each slot's instants made once.
  const today = dateInZone(now, timeZone);
  const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
  const pastDays: string[] = [];
  for (let k = sizes.days; k >= 1; k--) {
    const date = addDays(today, -k);
    const wd = weekdayOf(date);
    if (wd !== 0 && wd !== 6) pastDays.push(date);
  }
  const slotTimes = (date: string) =>
    SLOT_CLOCKS.map((clock) => {
      const start = instantAt(date, clock, timeZone).getTime();
      return { start: new Date(start).toISOString(), end: new Date(start + SLOT_MINUTES * 60_000).toISOString(), ms: start };
    });
  const pastSlots = pastDays.map(slotTimes);
  const upcomingSlots: Array<{ start: string; end: string; ms: number }> = [];
  for (let k = 1; k <= 7; k++) {
    const date = addDays(today, k);
    const wd = weekdayOf(date);
    if (wd !== 0 && wd !== 6) upcomingSlots.push(...slotTimes(date));
  }
  const slotsPerDoctor = pastDays.length * SLOT_CLOCKS.length;
  const upcomingPerDoctor = Math.min(UPCOMING_PER_DOCTOR, upcomingSlots.length);
  const perDoctor = Math.ceil(wanted / newDoctors.length);
  if (perDoctor - upcomingPerDoctor > slotsPerDoctor * 0.8) {
    throw new Error(`${wanted} appointments do not fit ${newDoctors.length} doctors' ${sizes.days} days: seed more doctors or days`);
  }

  // One live appointment per patient and start in the past: patient index × slot number, one safe integer each.
  // (The coming week's visits go one to a patient, each patient at most once.)
  const patientSlots = new Set<number>();
  let upcomingPatient = random.int(patientIds.length);

  type Rows = { appointment: Record<string, unknown>; treatment: Record<string, unknown> | null };
  /** Every new appointment (with its treatment when completed), made as it is written. */
  function* appointments(): Generator<Rows> {
    const taken = new Uint8Array(slotsPerDoctor);
    for (const [d, doctor] of newDoctors.entries()) {
      const count = Math.min(perDoctor, wanted - d * perDoctor);
      if (count <= 0) return;
      taken.fill(0);
      const upcoming = Math.min(upcomingPerDoctor, count);
      // The coming week: distinct slots, each to a patient who holds no other upcoming visit.
      const upcomingTaken = new Set<number>();
      for (let i = 0; i < upcoming; i++) {
        let s = random.int(upcomingSlots.length);
        while (upcomingTaken.has(s)) s = (s + 1) % upcomingSlots.length;
        upcomingTaken.add(s);
        const slot = upcomingSlots[s]!;
        const patient = patientIds[upcomingPatient]!;
        upcomingPatient = (upcomingPatient + 1) % patientIds.length;
        const condition = random.pick(doctor.conditions);
        const created = new Date(now.getTime() - (1 + random.int(6)) * DAY_MS).toISOString();
        yield {
          appointment: {
            id: newId(), doctor_id: doctor.id, patient_id: patient, start_at: slot.start, end_at: slot.end, status: 'booked',
            reason: condition.reason, cancel_reason: null, cancelled_by: null, created_at: created, updated_at: created,
          },
          treatment: null,
        };
      }
      for (let i = upcoming; i < count; i++) {
        let s = random.int(slotsPerDoctor);
        while (taken[s]) s = (s + 1) % slotsPerDoctor;
        taken[s] = 1;
        let p = random.int(patientIds.length);
        while (patientSlots.has(p * slotsPerDoctor + s)) p = (p + 1) % patientIds.length;
        patientSlots.add(p * slotsPerDoctor + s);
        const slot = pastSlots[Math.floor(s / SLOT_CLOCKS.length)]![s % SLOT_CLOCKS.length]!;
        const patient = patientIds[p]!;
        const condition = random.pick(doctor.conditions);
        const created = new Date(slot.ms - (1 + random.int(30)) * DAY_MS).toISOString();
        const id = newId();
        if (random.next() < PAST_CANCELLED) {
          const byDoctor = random.next() < 0.3;
          yield {
            appointment: {
              id, doctor_id: doctor.id, patient_id: patient, start_at: slot.start, end_at: slot.end, status: 'cancelled', reason: condition.reason,
              cancel_reason: random.pick(byDoctor ? DOCTOR_CANCEL_REASONS : PATIENT_CANCEL_REASONS), cancelled_by: byDoctor ? doctor.id : patient,
              created_at: created, updated_at: new Date(slot.ms - random.int(3) * DAY_MS - 3_600_000).toISOString(),
            },
            treatment: null,
          };
          continue;
        }
        yield {
          appointment: {
            id, doctor_id: doctor.id, patient_id: patient, start_at: slot.start, end_at: slot.end, status: 'completed', reason: condition.reason,
            cancel_reason: null, cancelled_by: null, created_at: created, updated_at: slot.end,
          },
          treatment: {
            id: newId(), appointment_id: id, doctor_id: doctor.id, patient_id: patient, diagnosis: condition.diagnosis,
            prescription: random.pick(condition.prescriptions), notes: random.pick(condition.notes),
            next_visit: condition.followUpWeeks === null ? null : addDays(slot.start.slice(0, 10), condition.followUpWeeks * 7),
            created_at: slot.end, updated_at: slot.end,
          },
        };
      }
    }
  }

  // A transaction per COMMIT_EVERY appointments, an INSERT per BATCH: the WAL stays small, a failure loses one chunk.
  const source = appointments();
  let finished = false;
  while (!finished) {
    await db.transaction().execute(async (trx) => {
      for (let inChunk = 0; inChunk < COMMIT_EVERY && !finished; ) {
        const batch: Record<string, unknown>[] = [];
        const treatments: Record<string, unknown>[] = [];
        while (batch.length < BATCH) {
          const next = source.next();
          if (next.done) {
            finished = true;
            break;
          }
          batch.push(next.value.appointment);
          if (next.value.treatment) treatments.push(next.value.treatment);
        }
        if (batch.length === 0) break;
        await trx.insertInto('appointments').values(batch as never).execute();
        if (treatments.length > 0) await trx.insertInto('treatments').values(treatments as never).execute();
        inChunk += batch.length;
        added.appointments += batch.length;
        added.treatments += treatments.length;
        progress({ step: 'appointments and treatments', done: added.appointments, total: wanted });
      }
    });
  }

  // Query plans at this size: the planner's statistics, taken once the rows are in. On PostgreSQL a VACUUM too,
  // as autovacuum would do after a bulk load (when it runs at all: some servers have it off): it sets the
  // visibility map, without which the dashboard's per-minute count reads the heap instead of the index alone
  // (750 ms instead of 27 at a million appointments).
  progress({ step: 'statistics (ANALYZE)', done: 0, total: 1 });
  await (isPostgres(db) ? sql`VACUUM (ANALYZE)` : sql`ANALYZE`).execute(db);
  progress({ step: 'statistics (ANALYZE)', done: 1, total: 1 });
  return added;
}
