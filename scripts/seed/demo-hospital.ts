/**
 * The demo hospital (issue 7 item 6): fills an empty database with departments, doctors and their weekly
 * templates, patients, a year of past visits with treatments, and bookings on real free slots of the
 * coming booking window, so a newcomer lands in a living hospital.
 *
 * Two halves: `planDemoHospital` decides everything in memory from a seeded random source and the
 * reference `now` (the same seed and `now` give the same hospital; only the row ids differ), and
 * `seedDemoHospital` writes the plan in one transaction of multi-row inserts, so a failed seed leaves
 * nothing behind. It writes only into a database with no departments and no patients: a second run,
 * or a run on a database in use, answers `seeded: false` and changes nothing.
 *
 * Upcoming bookings come from the same arithmetic as `GET /api/doctors/:id/slots` (shared/domain/slots.ts
 * with the booking window, the minimum notice and the hospital's zone), one per doctor and start and per
 * patient and start, and no patient holds more than MAX_OPEN_APPOINTMENTS (nor more than three).
 */
import { SimpleFaker } from '@faker-js/faker';
import type { Insertable } from 'kysely';
import { passwordProblem } from '../../shared/auth/password-policy';
import type { Config } from '../../shared/config';
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import type {
  AppointmentTable,
  Database,
  DepartmentTable,
  DoctorTable,
  DoctorWeeklyHoursTable,
  PatientTable,
  TreatmentTable,
  UserTable,
} from '../../shared/db/schema';
import { dateInZone } from '../../shared/domain/calendar';
import { daySchedules, datesInWindow, freeSlots, slotsOfDay, type Slot, type WeeklyDay } from '../../shared/domain/slots';
import { addDays } from '../../shared/domain/zoned-time';
import { newId } from '../../shared/ids';
import type { Deps } from '../../shared/runtime/deps';
import {
  BLOOD_GROUPS,
  DEPARTMENTS,
  DOCTOR_CANCEL_REASONS,
  FAMILY_NAMES,
  FEMALE_NAMES,
  GENDER_MIX,
  GENERIC_REVIEW_NOTES,
  MALE_NAMES,
  PATIENT_CANCEL_REASONS,
  PATIENT_EMAIL_DOMAINS,
  STREETS,
  TEMPLATES,
  TOWNS,
  type ConditionSpec,
  type DepartmentSpec,
} from './catalogue-data';

/** The random source's seed: change it and every name, visit and booking changes. */
export const DEMO_SEED = 20_261_127;
export const PATIENT_COUNT = 200;
/**
 * The password every seeded doctor and patient shares (printed at the end; development only). The first
 * that passes the password policy for the hospital's name and every seeded person is used.
 */
export const DEMO_PASSWORDS = ['demo visit 2026 ward', 'quiet corridor at dawn 47'];
/** A patient of the demo holds at most this many booked appointments (and never more than the cap). */
const MAX_UPCOMING_PER_PATIENT = 3;
/** The share of past visits that were cancelled. */
const PAST_CANCELLED = 0.1;
/** The share of the coming week's bookings that the patient has since cancelled. */
const UPCOMING_CANCELLED = 0.06;
/** How full each doctor's coming week is (of the free slots), at least and at most. */
const OCCUPANCY: [number, number] = [0.15, 0.3];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type SeedDeps = Pick<Deps, 'db' | 'passwords' | 'clock' | 'config' | 'log'>;

export interface SeedProgress {
  /** What is being written now. */
  step: string;
  /** Rows written so far, of `total`. */
  done: number;
  total: number;
}

export interface SeedOptions {
  /** The reference time (default: the clock). Past visits lie in the year before it, bookings in the week after. */
  now?: Date;
  seed?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedCounts {
  departments: number;
  doctors: number;
  patients: number;
  pastCompleted: number;
  pastCancelled: number;
  treatments: number;
  upcomingBooked: number;
  upcomingCancelled: number;
}

export interface DemoSignIns {
  /** The admin's email; the password is ADMIN_PASSWORD, or the one the runner printed. */
  admin: string;
  doctor: { name: string; email: string };
  patient: { name: string; email: string };
  /** Shared by every seeded doctor and patient. */
  password: string;
}

export type SeedResult =
  | { seeded: true; counts: SeedCounts; signIns: DemoSignIns }
  | { seeded: false; reason: string };

type Row<T> = Insertable<T>;

export interface DemoHospitalPlan {
  departments: Row<DepartmentTable>[];
  /** Doctors' and patients' accounts, without the password hash (added when written). */
  users: Omit<Row<UserTable>, 'password_hash'>[];
  doctors: Row<DoctorTable>[];
  weeklyHours: Row<DoctorWeeklyHoursTable>[];
  patients: Row<PatientTable>[];
  appointments: Row<AppointmentTable>[];
  treatments: Row<TreatmentTable>[];
  counts: SeedCounts;
  signIns: Omit<DemoSignIns, 'admin'>;
  password: string;
}

export interface PlanInput {
  now: Date;
  seed?: number;
  config: Pick<Config, 'hospitalTimeZone' | 'hospitalName' | 'booking' | 'admin'>;
}

interface PlannedDoctor {
  id: string;
  name: string;
  email: string;
  department: number;
  slotMinutes: number;
  weekly: WeeklyDay[];
}

interface PlannedPatient {
  id: string;
  name: string;
  email: string;
  age: number;
  createdAt: number;
  /** Booked appointments in the coming week. */
  open: number;
  busy: { start: number; end: number }[];
  /** The patient's doctor in each department they have been to. */
  doctorIn: Map<number, number>;
}

/** One patient's problem, treated by one doctor: visits, then reviews. */
interface CaseOf {
  patient: number;
  department: number;
  doctor: number;
  condition: ConditionSpec;
  prescription: string | null;
  /** The next review the last completed visit asked for (`YYYY-MM-DD`), if any. */
  due: string | null;
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const iso = (ms: number) => new Date(ms).toISOString();

/** Decides the whole demo hospital in memory. Deterministic for a seed, a `now` and the settings used. */
export function planDemoHospital(input: PlanInput): DemoHospitalPlan {
  const { now, config } = input;
  const zone = config.hospitalTimeZone;
  const f = new SimpleFaker({ seed: input.seed ?? DEMO_SEED });
  const nowMs = now.getTime();
  const today = dateInZone(now, zone);
  const pastFirst = addDays(today, -365);
  const pastLast = addDays(today, -1);
  const pastFirstMs = new Date(`${pastFirst}T00:00:00.000Z`).getTime();
  const int = (min: number, max: number) => f.number.int({ min, max });
  const pick = <T>(list: readonly T[]): T => f.helpers.arrayElement(list);
  const chance = (probability: number) => f.datatype.boolean(probability);
  const staffDomain = config.admin.email.split('@')[1] ?? 'hospital.local';

  // Departments, doctors and their templates.
  const departmentIds = DEPARTMENTS.map(() => newId());
  const departmentsCreated = nowMs - 3 * 365 * DAY;
  const departments = DEPARTMENTS.map((d, i) => ({
    id: departmentIds[i]!,
    name: d.name,
    description: d.description,
    created_at: iso(departmentsCreated),
    updated_at: iso(departmentsCreated),
  }));
  const doctors: PlannedDoctor[] = [];
  const users: DemoHospitalPlan['users'] = [];
  const doctorRows: Row<DoctorTable>[] = [];
  const weeklyHours: Row<DoctorWeeklyHoursTable>[] = [];
  const emails = new Set([config.admin.email]);
  for (const [department, spec] of DEPARTMENTS.entries()) {
    for (const d of spec.doctors) {
      const id = newId();
      const name = `Dr ${d.first} ${d.last}`;
      let email = `${ascii(d.first)}.${ascii(d.last)}@${staffDomain}`;
      for (let n = 2; emails.has(email); n++) email = `${ascii(d.first)}.${ascii(d.last)}${n}@${staffDomain}`;
      emails.add(email);
      const weekly = TEMPLATES[d.template];
      doctors.push({ id, name, email, department, slotMinutes: d.slotMinutes, weekly });
      const joined = iso(nowMs - int(400, 2500) * DAY - int(0, 600) * MINUTE);
      users.push({ id, role: 'doctor', email, name, status: 'active', created_at: joined, updated_at: joined });
      doctorRows.push({
        user_id: id,
        department_id: departmentIds[department]!,
        specialization: d.specialization,
        experience_years: d.experienceYears,
        bio: d.bio,
        slot_minutes: d.slotMinutes,
        deleted_at: null,
        created_at: joined,
        updated_at: joined,
      });
      for (const day of weekly) {
        for (const w of day.windows) weeklyHours.push({ doctor_id: id, weekday: day.weekday, start_time: w.start, end_time: w.end });
      }
    }
  }
  const password = DEMO_PASSWORDS.find((p) => doctors.every((d) => !passwordProblem(p, { email: d.email, name: d.name, hospitalName: config.hospitalName })));
  if (!password) throw new Error(`no demo password passes the password policy at ${config.hospitalName}`);

  // Patients: ages of a general hospital's list, about one in eight a child.
  const ageBands: { value: [number, number]; weight: number }[] = [
    { value: [1, 4], weight: 3 },
    { value: [5, 11], weight: 4 },
    { value: [12, 17], weight: 5 },
    { value: [18, 29], weight: 14 },
    { value: [30, 44], weight: 22 },
    { value: [45, 64], weight: 28 },
    { value: [65, 79], weight: 17 },
    { value: [80, 94], weight: 7 },
  ];
  const phones = f.helpers.shuffle(Array.from({ length: 1000 }, (_, i) => i));
  const patients: PlannedPatient[] = [];
  const patientRows: Row<PatientTable>[] = [];
  const [year, month, day] = today.split('-');
  for (let i = 0; i < PATIENT_COUNT; i++) {
    const gender = f.helpers.weightedArrayElement(GENDER_MIX);
    // The demo patient is an adult with high blood pressure (see the cases below).
    const [minAge, maxAge] = i === 0 ? [45, 64] : f.helpers.weightedArrayElement(ageBands);
    const age = int(minAge, maxAge);
    let name: string;
    let email: string;
    do {
      const first = pick(gender === 'female' ? FEMALE_NAMES : gender === 'male' ? MALE_NAMES : pick([FEMALE_NAMES, MALE_NAMES]));
      const last = pick(FAMILY_NAMES);
      name = `${first} ${last}`;
      const local = `${ascii(first)}.${ascii(last)}`;
      const domain = pick(PATIENT_EMAIL_DOMAINS);
      email = `${local}@${domain}`;
      for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    } while (passwordProblem(password, { email, name, hospitalName: config.hospitalName }));
    emails.add(email);
    const id = newId();
    const registered = pastFirstMs - int(30, 1200) * DAY - int(0, 1439) * MINUTE;
    const birthday = addDays(`${Number(year) - age}-${month}-${day}`, -int(0, 364));
    const [town, postcode] = pick(TOWNS);
    const address = `${int(1, 180)} ${pick(STREETS)}, ${town} ${postcode} ${int(1, 9)}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`;
    patients.push({ id, name, email, age, createdAt: registered, open: 0, busy: [], doctorIn: new Map() });
    users.push({ id, role: 'patient', email, name, status: 'active', created_at: iso(registered), updated_at: iso(registered) });
    patientRows.push({
      user_id: id,
      phone: `07700 900${String(phones[i]!).padStart(3, '0')}`,
      date_of_birth: birthday,
      gender,
      address,
      blood_group: f.helpers.weightedArrayElement(BLOOD_GROUPS),
      created_at: iso(registered),
      updated_at: iso(registered),
    });
  }

  // The slots of a doctor's template on a date (past dates too: the template is what they worked).
  const slotCache = new Map<string, Slot[]>();
  const slotsOf = (doctor: number, date: string): Slot[] => {
    const key = `${doctor} ${date}`;
    let slots = slotCache.get(key);
    if (!slots) {
      const d = doctors[doctor]!;
      const [schedule] = daySchedules([date], d.weekly, []);
      slotCache.set(key, (slots = slotsOfDay(schedule!, d.slotMinutes, zone)));
    }
    return slots;
  };
  const doctorHeld = new Set<string>();
  const free = (doctor: number, patient: number, slot: Slot) => {
    if (doctorHeld.has(`${doctor} ${slot.start.getTime()}`)) return false;
    const start = slot.start.getTime();
    const end = slot.end.getTime();
    return !patients[patient]!.busy.some((b) => b.start < end && b.end > start);
  };
  const hold = (doctor: number, patient: number, slot: Slot) => {
    doctorHeld.add(`${doctor} ${slot.start.getTime()}`);
    patients[patient]!.busy.push({ start: slot.start.getTime(), end: slot.end.getTime() });
  };
  const release = (doctor: number, patient: number, slot: Slot) => {
    doctorHeld.delete(`${doctor} ${slot.start.getTime()}`);
    const busy = patients[patient]!.busy;
    busy.splice(busy.findIndex((b) => b.start === slot.start.getTime()), 1);
  };
  /** A slot of the doctor on the working day nearest `target` (within ten days, inside `first`..`last`) that both are free for. */
  const placeNear = (doctor: number, patient: number, target: string, first: string, last: string): Slot | null => {
    for (let step = 0; step <= 20; step++) {
      const offset = step % 2 === 0 ? step / 2 : -(step + 1) / 2;
      const date = addDays(target, offset);
      if (date < first || date > last) continue;
      const slots = slotsOf(doctor, date);
      if (slots.length === 0) continue;
      for (let attempt = 0; attempt < 6; attempt++) {
        const slot = pick(slots);
        if (free(doctor, patient, slot)) return slot;
      }
    }
    return null;
  };

  // Each patient's problems this year: a department by age, a condition, and the same doctor throughout.
  const cases: CaseOf[] = [];
  const eligible = (spec: { ages?: [number, number] }, age: number, fallback: [number, number]) => {
    const [min, max] = spec.ages ?? fallback;
    return age >= min && age <= max;
  };
  const departmentFor = (age: number): number | null => {
    const options = DEPARTMENTS.map((d, i) => ({ value: i, weight: eligible(d, age, d.ages) && d.conditions.some((c) => eligible(c, age, d.ages)) ? (age < 18 ? d.childWeight : d.weight) : 0 })).filter(
      (o) => o.weight > 0,
    );
    return options.length ? f.helpers.weightedArrayElement(options) : null;
  };
  const doctorFor = (patient: number, department: number): number => {
    const p = patients[patient]!;
    let doctor = p.doctorIn.get(department);
    if (doctor === undefined) {
      doctor = pick(doctors.flatMap((d, i) => (d.department === department ? [i] : [])));
      p.doctorIn.set(department, doctor);
    }
    return doctor;
  };
  for (const [index, p] of patients.entries()) {
    const count = index === 0 ? 1 : f.helpers.weightedArrayElement([
      { value: 0, weight: 4 },
      { value: 1, weight: 34 },
      { value: 2, weight: 34 },
      { value: 3, weight: 19 },
      { value: 4, weight: 9 },
    ]);
    for (let n = 0; n < count; n++) {
      const department = index === 0 ? 0 : departmentFor(p.age);
      if (department === null) continue;
      const spec: DepartmentSpec = DEPARTMENTS[department]!;
      const condition = index === 0 ? spec.conditions[0]! : pick(spec.conditions.filter((c) => eligible(c, p.age, spec.ages)));
      if (cases.some((c) => c.patient === index && c.condition === condition)) continue;
      const doctor = index === 0 ? 0 : doctorFor(index, department);
      if (index === 0) p.doctorIn.set(0, 0);
      cases.push({ patient: index, department, doctor, condition, prescription: pick(condition.prescriptions), due: null });
    }
  }

  // A year of past visits, oldest first within each case.
  const appointments: Row<AppointmentTable>[] = [];
  const treatments: Row<TreatmentTable>[] = [];
  const counts: SeedCounts = {
    departments: departments.length,
    doctors: doctors.length,
    patients: patients.length,
    pastCompleted: 0,
    pastCancelled: 0,
    treatments: 0,
    upcomingBooked: 0,
    upcomingCancelled: 0,
  };
  /** When a visit was booked: one to four weeks ahead (patients registered well before their first visit). */
  const bookedAt = (startMs: number) => startMs - int(1, 28) * DAY - int(0, 600) * MINUTE;
  const appointment = (c: CaseOf, slot: Slot, reason: string, created: number) => ({
    id: newId(),
    doctor_id: doctors[c.doctor]!.id,
    patient_id: patients[c.patient]!.id,
    start_at: slot.start.toISOString(),
    end_at: slot.end.toISOString(),
    reason,
    cancel_reason: null,
    cancelled_by: null,
    created_at: iso(created),
    updated_at: iso(created),
  });
  /** One past visit on the working day nearest `target`: cancelled now and then (and rebooked), else completed with its treatment. */
  const visit = (c: CaseOf, target: string, review: boolean): boolean => {
    const slot = placeNear(c.doctor, c.patient, target, pastFirst, pastLast);
    if (!slot) return false;
    hold(c.doctor, c.patient, slot);
    const reason = review ? `Review: ${c.condition.diagnosis}` : c.condition.reason;
    const start = slot.start.getTime();
    const created = bookedAt(start);
    if (chance(PAST_CANCELLED)) {
      const byDoctor = chance(0.25);
      const cancelledAt = Math.max(created + HOUR, start - int(2, 96) * HOUR);
      appointments.push({
        ...appointment(c, slot, reason, created),
        status: 'cancelled',
        cancel_reason: byDoctor ? pick(DOCTOR_CANCEL_REASONS) : pick(PATIENT_CANCEL_REASONS),
        cancelled_by: byDoctor ? doctors[c.doctor]!.id : patients[c.patient]!.id,
        updated_at: iso(cancelledAt),
      });
      counts.pastCancelled++;
      // A cancelled slot is free again; most people book another day, the rest wait for their next review.
      release(c.doctor, c.patient, slot);
      const date = dateInZone(slot.start, zone);
      if (chance(0.7)) return visit(c, addDays(date, int(2, 9)), review);
      const weeks = c.condition.followUpWeeks;
      c.due = weeks !== null && c.condition.ongoing ? addDays(date, weeks * 7) : null;
      return true;
    }
    const done = slot.end.getTime() + int(2, 90) * MINUTE;
    const a = { ...appointment(c, slot, reason, created), status: 'completed' as const, updated_at: iso(done) };
    appointments.push(a);
    counts.pastCompleted++;
    const date = dateInZone(slot.start, zone);
    const { condition } = c;
    if (review && condition.prescriptions.length > 1 && chance(0.15)) c.prescription = pick(condition.prescriptions);
    const reviewNotes = condition.followUpNotes ?? GENERIC_REVIEW_NOTES;
    // A long-term condition is always due again; a short one is reviewed once, then discharged.
    const next = condition.followUpWeeks !== null && (condition.ongoing || !review) ? addDays(date, condition.followUpWeeks * 7) : null;
    c.due = next;
    treatments.push({
      id: newId(),
      appointment_id: a.id,
      doctor_id: a.doctor_id,
      patient_id: a.patient_id,
      diagnosis: condition.diagnosis,
      prescription: review && !condition.ongoing ? null : c.prescription,
      notes: pick(review ? reviewNotes : condition.notes),
      next_visit: next,
      created_at: iso(done),
      updated_at: iso(done),
    });
    counts.treatments++;
    return true;
  };
  for (const c of cases) {
    const weeks = c.condition.followUpWeeks;
    // A long-term condition may have started before this year: its first visit this year is a review.
    const knownBefore = Boolean(c.condition.ongoing) && chance(0.5);
    let target = addDays(pastFirst, knownBefore ? int(0, (weeks ?? 4) * 7) : int(0, 340));
    if (!visit(c, target, knownBefore)) continue;
    while (c.due !== null && weeks !== null) {
      target = addDays(c.due, int(-4, 6));
      if (target > pastLast) break;
      if (!visit(c, target, true)) break;
    }
  }

  // The coming week: reviews that fall due, then each doctor's list filled to a believable share.
  const cap = Math.min(MAX_UPCOMING_PER_PATIENT, config.booking.maxOpenAppointments);
  const windowDates = datesInWindow(now, zone);
  const windowFirst = windowDates[0]!;
  const windowLast = windowDates[windowDates.length - 1]!;
  const freeOf = doctors.map((d) =>
    freeSlots({
      days: daySchedules(windowDates, d.weekly, []),
      slotMinutes: d.slotMinutes,
      timeZone: zone,
      taken: [],
      now,
      minNoticeMinutes: config.booking.minNoticeMinutes,
    }),
  );
  const upcoming = (c: CaseOf, slot: Slot, reason: string, mayBeCancelled: boolean) => {
    const created = Math.max(patients[c.patient]!.createdAt + HOUR, nowMs - int(1, 14 * 24) * HOUR);
    if (mayBeCancelled && chance(UPCOMING_CANCELLED)) {
      appointments.push({
        ...appointment(c, slot, reason, created),
        status: 'cancelled',
        cancel_reason: pick(PATIENT_CANCEL_REASONS),
        cancelled_by: patients[c.patient]!.id,
        updated_at: iso(Math.min(nowMs, created + int(1, 48) * HOUR)),
      });
      counts.upcomingCancelled++;
      return;
    }
    hold(c.doctor, c.patient, slot);
    patients[c.patient]!.open++;
    appointments.push({ ...appointment(c, slot, reason, created), status: 'booked' });
    counts.upcomingBooked++;
  };
  const firstFree = (c: CaseOf, from: string): Slot | undefined =>
    freeOf[c.doctor]!.find((s) => dateInZone(s.start, zone) >= from && free(c.doctor, c.patient, s));
  for (const c of cases) {
    if (c.due === null || c.due > windowLast || c.due < addDays(windowFirst, -21) || patients[c.patient]!.open >= cap) continue;
    // The demo patient's review is always there, whatever the draw.
    const slot = firstFree(c, c.due) ?? (c.patient === 0 ? firstFree(c, windowFirst) : undefined);
    if (slot) upcoming(c, slot, `Review: ${c.condition.diagnosis}`, c.patient !== 0);
  }
  if (patients[0]!.open === 0) {
    const c = cases.find((x) => x.patient === 0)!;
    const slot = firstFree(c, windowFirst);
    if (slot) upcoming(c, slot, `Review: ${c.condition.diagnosis}`, false);
  }
  for (const [doctor, slots] of freeOf.entries()) {
    const spec = DEPARTMENTS[doctors[doctor]!.department]!;
    const target = Math.round(slots.length * f.number.float({ min: OCCUPANCY[0], max: OCCUPANCY[1] }));
    const taken = () => slots.filter((s) => doctorHeld.has(`${doctor} ${s.start.getTime()}`)).length;
    // Their own patients first, then anyone of an age the department sees. The demo patient keeps room to book.
    const own = patients.flatMap((p, i) => (i !== 0 && p.doctorIn.get(doctors[doctor]!.department) === doctor ? [i] : []));
    const others = patients.flatMap((p, i) => (i !== 0 && !own.includes(i) && eligible(spec, p.age, spec.ages) && spec.conditions.some((c) => eligible(c, p.age, spec.ages)) ? [i] : []));
    for (const slot of f.helpers.shuffle(slots)) {
      if (taken() >= target) break;
      if (doctorHeld.has(`${doctor} ${slot.start.getTime()}`)) continue;
      const candidates = [...f.helpers.shuffle(own), ...f.helpers.shuffle(others)];
      const patient = (chance(0.6) ? candidates : f.helpers.shuffle(candidates)).find((p) => patients[p]!.open < cap && free(doctor, p, slot));
      if (patient === undefined) continue;
      const known = cases.find((c) => c.patient === patient && c.doctor === doctor);
      const condition = known?.condition ?? pick(spec.conditions.filter((c) => eligible(c, patients[patient]!.age, spec.ages)));
      if (!known) patients[patient]!.doctorIn.set(doctors[doctor]!.department, doctor);
      const c = known ?? { patient, department: doctors[doctor]!.department, doctor, condition, prescription: null, due: null };
      upcoming(c, slot, known ? `Review: ${condition.diagnosis}` : condition.reason, true);
    }
  }

  const demoDoctor = doctors[0]!;
  const demoPatient = patients[0]!;
  return {
    departments,
    users,
    doctors: doctorRows,
    weeklyHours,
    patients: patientRows,
    appointments,
    treatments,
    counts,
    password,
    signIns: { doctor: { name: demoDoctor.name, email: demoDoctor.email }, patient: { name: demoPatient.name, email: demoPatient.email }, password },
  };
}

/** Why the database should not be seeded, or null when it is empty enough (no departments, no patients). */
export async function seedRefusal(db: SeedDeps['db']): Promise<string | null> {
  const [departments, patients] = await Promise.all([
    db.selectFrom('departments').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('patients').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  if (Number(departments.n) > 0) return `already seeded (the database has ${departments.n} departments)`;
  if (Number(patients.n) > 0) return `the database already has ${patients.n} patient(s); the demo hospital goes only into an empty one`;
  return null;
}

class AlreadySeeded extends Error {}

/** Rows per INSERT: at most 500, and at most 30 000 parameters (SQLite's and PostgreSQL's limits are above). */
function batchSize(columns: number): number {
  return Math.max(1, Math.min(500, Math.floor(30_000 / columns)));
}

/**
 * Fills an empty database with the demo hospital, in one transaction; answers what it made and the demo
 * sign-ins, or `seeded: false` with the reason it left the database alone.
 */
export async function seedDemoHospital(deps: SeedDeps, options: SeedOptions = {}): Promise<SeedResult> {
  const { db, config } = deps;
  const refusal = await seedRefusal(db);
  if (refusal) return { seeded: false, reason: refusal };
  const plan = planDemoHospital({ now: options.now ?? deps.clock(), seed: options.seed, config });
  // argon2 is slow on purpose: one hash, shared by every seeded account.
  const hash = await deps.passwords.hash(plan.password);
  const tables: [string, keyof Database, Record<string, unknown>[]][] = [
    ['departments', 'departments', plan.departments],
    ['accounts', 'users', plan.users.map((u) => ({ ...u, password_hash: hash }))],
    ['doctors', 'doctors', plan.doctors],
    ['weekly templates', 'doctor_weekly_hours', plan.weeklyHours],
    ['patients', 'patients', plan.patients],
    ['appointments', 'appointments', plan.appointments],
    ['treatments', 'treatments', plan.treatments],
  ];
  const total = tables.reduce((sum, [, , rows]) => sum + rows.length, 0);
  let done = 0;
  options.onProgress?.({ step: 'departments', done, total });
  try {
    await db.transaction().execute(async (trx) => {
      // Checked again under the write lock (SQLite): another seed may have finished meanwhile.
      if (await seedRefusal(trx)) throw new AlreadySeeded();
      for (const [step, table, rows] of tables) {
        const size = batchSize(Object.keys(rows[0] ?? {}).length);
        for (let i = 0; i < rows.length; i += size) {
          const batch = rows.slice(i, i + size);
          await trx.insertInto(table).values(batch as never).execute();
          done += batch.length;
          options.onProgress?.({ step, done, total });
        }
      }
      await writeAudit(trx, {
        at: options.now ?? deps.clock(),
        actorId: null,
        action: 'demo_hospital_seeded',
        entity: 'system',
        detail: { ...plan.counts },
      });
    });
  } catch (err) {
    // PostgreSQL: a seed running at the same moment got there first (department names are unique).
    if (err instanceof AlreadySeeded || isUniqueViolation(err)) {
      return { seeded: false, reason: (await seedRefusal(db)) ?? 'another seed ran at the same time' };
    }
    throw err;
  }
  deps.log.info('demo hospital seeded', { ...plan.counts });
  return { seeded: true, counts: plan.counts, signIns: { ...plan.signIns, admin: config.admin.email } };
}

/** The sign-ins as lines for the terminal. */
export function describeSignIns(signIns: DemoSignIns): string[] {
  return [
    `admin    ${signIns.admin}  (password: ADMIN_PASSWORD, or the one npm start printed; npm run admin:password sets a new one)`,
    `doctor   ${signIns.doctor.email}  (${signIns.doctor.name})  password: ${signIns.password}`,
    `patient  ${signIns.patient.email}  (${signIns.patient.name})  password: ${signIns.password}`,
  ];
}

/** One sentence of what was made. */
export function describeCounts(counts: SeedCounts): string {
  return (
    `${counts.departments} departments, ${counts.doctors} doctors, ${counts.patients} patients, ` +
    `${counts.pastCompleted + counts.pastCancelled} past visits (${counts.pastCompleted} completed, ${counts.pastCancelled} cancelled), ` +
    `${counts.upcomingBooked} bookings in the coming week`
  );
}
