import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import login from '../../functions/auth/login';
import { passwordProblem } from '../../shared/auth/password-policy';
import { loadSchedules } from '../../shared/booking/schedules';
import { dateInZone } from '../../shared/domain/calendar';
import { bookingWindow, daySchedules, slotsOfDay } from '../../shared/domain/slots';
import { testClient } from '../../tests/support/http';
import { createTestWorld, useTestWorld, type TestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import { seedCommand } from '../seed';
import { DEPARTMENTS } from './catalogue-data';
import { seedDemoHospital, type SeedResult } from './demo-hospital';

const world = useTestWorld();
let first: SeedResult;

beforeAll(async () => {
  first = await seedDemoHospital(world().deps);
});

/** What two seeds at the same clock must agree on (ids aside). */
async function snapshot(w: TestWorld) {
  const { db } = w.deps;
  const departments = await db.selectFrom('departments').select(['name', 'description']).orderBy('name').execute();
  const doctors = await db
    .selectFrom('doctors')
    .innerJoin('users', 'users.id', 'doctors.user_id')
    .select(['users.name', 'users.email', 'doctors.specialization', 'doctors.slot_minutes'])
    .orderBy('users.email')
    .execute();
  const patients = await db
    .selectFrom('patients')
    .innerJoin('users', 'users.id', 'patients.user_id')
    .select(['users.name', 'users.email', 'patients.date_of_birth', 'patients.phone', 'patients.blood_group'])
    .orderBy('users.email')
    .execute();
  const appointments = await db
    .selectFrom('appointments as a')
    .innerJoin('users as d', 'd.id', 'a.doctor_id')
    .innerJoin('users as p', 'p.id', 'a.patient_id')
    .leftJoin('treatments as t', 't.appointment_id', 'a.id')
    .select(['d.email as doctor', 'p.email as patient', 'a.start_at', 'a.status', 't.diagnosis'])
    .orderBy('a.start_at')
    .orderBy('d.email')
    .orderBy('p.email')
    .orderBy('a.status')
    .execute();
  return { departments, doctors, patients, appointments };
}

describe('the demo hospital (npm run seed)', () => {
  test('an empty database gets 8 departments, about 20 doctors each with a weekly template, and 200 patients', async () => {
    const { db } = world().deps;
    expect(first.seeded).toBe(true);
    const departments = await db.selectFrom('departments').selectAll().execute();
    expect(departments.map((d) => d.name).sort()).toEqual(DEPARTMENTS.map((d) => d.name).sort());
    expect(departments.every((d) => (d.description ?? '').length > 40)).toBe(true);

    const doctors = await db.selectFrom('doctors').innerJoin('users', 'users.id', 'doctors.user_id').selectAll().execute();
    expect(doctors.length).toBeGreaterThanOrEqual(18);
    expect(doctors.length).toBeLessThanOrEqual(22);
    expect(new Set(doctors.map((d) => d.department_id)).size).toBe(8);
    for (const d of doctors) {
      expect(d.role).toBe('doctor');
      expect([15, 20, 30, 45]).toContain(d.slot_minutes);
      expect(d.specialization.length).toBeGreaterThan(3);
      expect(d.bio?.length).toBeGreaterThan(20);
      expect(d.experience_years).toBeGreaterThan(0);
    }
    const weekly = await db.selectFrom('doctor_weekly_hours').selectAll().execute();
    const templates = new Map<string, string[]>();
    for (const row of weekly) templates.set(row.doctor_id, [...(templates.get(row.doctor_id) ?? []), `${row.weekday} ${row.start_time}-${row.end_time}`]);
    expect([...templates.keys()].sort()).toEqual(doctors.map((d) => d.user_id).sort());
    // The templates differ: mornings, afternoons, lunch breaks, some Saturdays.
    expect(new Set([...templates.values()].map((t) => t.sort().join())).size).toBeGreaterThanOrEqual(6);
    expect(weekly.some((w) => w.weekday === 6)).toBe(true);

    const patients = await db.selectFrom('patients').innerJoin('users', 'users.id', 'patients.user_id').selectAll().execute();
    expect(patients).toHaveLength(200);
    expect(new Set(patients.map((p) => p.email)).size).toBe(200);
    for (const p of patients) {
      expect(p.role).toBe('patient');
      expect(p.phone).toMatch(/^\+?[0-9 ()./-]{5,30}$/);
      expect(p.date_of_birth! < '2026-12-01').toBe(true);
      expect(['female', 'male', 'non_binary', 'other', 'undisclosed']).toContain(p.gender);
      expect(p.address).toBeTruthy();
      expect(['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-']).toContain(p.blood_group);
    }
  });

  test('the past year holds completed visits with fitting treatments, and some cancelled ones', async () => {
    const { db } = world().deps;
    const now = world().clock().toISOString();
    const yearAgo = new Date(world().clock().getTime() - 366 * 86_400_000).toISOString();
    const past = await db
      .selectFrom('appointments as a')
      .innerJoin('doctors as d', 'd.user_id', 'a.doctor_id')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .leftJoin('treatments as t', 't.appointment_id', 'a.id')
      .select(['a.status', 'a.start_at', 'a.cancel_reason', 'dep.name as department', 't.diagnosis', 't.prescription', 't.notes', 't.patient_id', 'a.patient_id as appointment_patient'])
      .where('a.start_at', '<', now)
      .execute();
    const completed = past.filter((a) => a.status === 'completed');
    const cancelled = past.filter((a) => a.status === 'cancelled');
    expect(past.every((a) => a.status !== 'booked' && a.start_at >= yearAgo)).toBe(true);
    expect(completed.length).toBeGreaterThan(500);
    expect(cancelled.length).toBeGreaterThan(completed.length / 20);
    expect(cancelled.length).toBeLessThan(completed.length / 4);
    expect(cancelled.every((a) => a.diagnosis === null)).toBe(true);
    for (const visit of completed) {
      // Each completed visit has its treatment, with a diagnosis its department makes.
      const spec = DEPARTMENTS.find((d) => d.name === visit.department)!;
      expect(spec.conditions.map((c) => c.diagnosis)).toContain(visit.diagnosis);
      expect(visit.notes).toBeTruthy();
      expect(visit.patient_id).toBe(visit.appointment_patient);
    }
    const hypertension = completed.find((v) => v.diagnosis === 'Essential hypertension' && v.prescription);
    expect(hypertension?.department).toBe('Cardiology');
    // Visits spread over the year, not bunched into one month.
    expect(new Set(completed.map((v) => v.start_at.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
  });

  test('each upcoming booking is a real free slot of its doctor in the booking window, one per doctor and start and per patient and start, within the cap', async () => {
    const { db, config } = world().deps;
    const now = world().clock();
    const zone = config.hospitalTimeZone;
    const window = bookingWindow(now, zone);
    const booked = await db.selectFrom('appointments').selectAll().where('status', '=', 'booked').execute();
    expect(booked.length).toBeGreaterThan(100);
    const schedules = await loadSchedules(db, [...new Set(booked.map((a) => a.doctor_id))], window.first, window.last);
    for (const a of booked) {
      const date = dateInZone(new Date(a.start_at), zone);
      expect(date >= window.first && date <= window.last).toBe(true);
      expect(new Date(a.start_at).getTime()).toBeGreaterThanOrEqual(now.getTime() + config.booking.minNoticeMinutes * 60_000);
      const schedule = schedules.get(a.doctor_id)!;
      const [day] = daySchedules([date], schedule.weekly, schedule.overrides);
      const slots = slotsOfDay(day!, schedule.slotMinutes, zone).map((s) => `${s.start.toISOString()} ${s.end.toISOString()}`);
      expect(slots).toContain(`${a.start_at} ${a.end_at}`);
    }
    const live = await db.selectFrom('appointments').select(['doctor_id', 'patient_id', 'start_at']).where('status', '<>', 'cancelled').execute();
    expect(new Set(live.map((a) => `${a.doctor_id} ${a.start_at}`)).size).toBe(live.length);
    expect(new Set(live.map((a) => `${a.patient_id} ${a.start_at}`)).size).toBe(live.length);
    const open = new Map<string, number>();
    for (const a of booked) open.set(a.patient_id, (open.get(a.patient_id) ?? 0) + 1);
    expect(Math.max(...open.values())).toBeLessThanOrEqual(config.booking.maxOpenAppointments);
  });

  test('every seeded doctor and patient signs in with the one demo password, which passes the password policy', async () => {
    const { db, config } = world().deps;
    if (!first.seeded) throw new Error('not seeded');
    const { signIns } = first;
    expect(signIns.admin).toBe(config.admin.email);
    const users = await db.selectFrom('users').select(['name', 'email', 'password_hash']).where('role', 'in', ['doctor', 'patient']).execute();
    expect(users).toHaveLength(220);
    // Hashed once: every account holds the same hash.
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    for (const u of users) expect(passwordProblem(signIns.password, { email: u.email, name: u.name, hospitalName: config.hospitalName })).toBeNull();
    const c = testClient(world().deps, [login]);
    for (const who of [signIns.doctor, signIns.patient]) {
      expect((await c.post('/api/auth/login', { json: { email: who.email, password: signIns.password } })).status).toBe(200);
    }
    // The demo patient has a visit coming with the demo doctor and room to book another.
    const upcoming = await db
      .selectFrom('appointments as a')
      .innerJoin('users as p', 'p.id', 'a.patient_id')
      .innerJoin('users as d', 'd.id', 'a.doctor_id')
      .select(['d.email as doctor'])
      .where('p.email', '=', signIns.patient.email)
      .where('a.status', '=', 'booked')
      .execute();
    expect(upcoming.map((a) => a.doctor)).toContain(signIns.doctor.email);
    expect(upcoming.length).toBeLessThan(config.booking.maxOpenAppointments);
  });

  test('the README names the demo sign-ins the seed makes', () => {
    if (!first.seeded) throw new Error('not seeded');
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(first.signIns.doctor.email);
    expect(readme).toContain(first.signIns.patient.email);
    expect(readme).toContain(first.signIns.password);
  });

  test('a second run changes nothing and says the database is already seeded', async () => {
    const before = await snapshot(world());
    const again = await seedDemoHospital(world().deps);
    expect(again).toEqual({ seeded: false, reason: expect.stringContaining('already seeded') });
    expect(await snapshot(world())).toEqual(before);

    // The command says so too, and exits 0: safe at every start.
    const out: string[] = [];
    const env = { DATABASE_URL: world().database.url, NODE_ENV: 'development' };
    expect(await seedCommand(env, { write: (s: string) => out.push(s) })).toBe(0);
    expect(out.join('')).toMatch(/^Not seeding the demo hospital: already seeded/);
    const err: string[] = [];
    expect(await seedCommand({ ...env, NODE_ENV: 'production', ADMIN_PASSWORD: 'a sound passphrase 9', SECRET_KEY: 'x'.repeat(40) }, { write: () => {} }, { write: (s: string) => err.push(s) })).toBe(1);
    expect(err.join('')).toContain('production');
  });

  test('--patients N makes N patients in all: the demo’s own with their visits, the rest records the search finds', async () => {
    const other = await createTestWorld();
    try {
      const out: string[] = [];
      const env = { DATABASE_URL: other.database.url, NODE_ENV: 'development' };
      expect(await seedCommand(env, { write: (s: string) => out.push(s) }, { write: () => {} }, ['--patients', '1500'])).toBe(0);
      expect(out.join('')).toContain('1500 patients');
      const rows = await other.deps.db.selectFrom('patients').innerJoin('users', 'users.id', 'patients.user_id').select(['users.email', 'patients.phone']).execute();
      expect(rows).toHaveLength(1500);
      expect(new Set(rows.map((r) => r.email)).size).toBe(1500);
      const err: string[] = [];
      expect(await seedCommand(env, { write: () => {} }, { write: (s: string) => err.push(s) }, ['--patients', 'lots'])).toBe(1);
      expect(err.join('')).toContain('--patients');
    } finally {
      await other.cleanup();
    }
  });

  test('the same clock gives the same hospital; a database that already has patients is left alone', async () => {
    const other = await createTestWorld();
    try {
      const stranger = await createUser(other.deps);
      expect(await seedDemoHospital(other.deps)).toEqual({ seeded: false, reason: expect.stringContaining('1 patient') });
      expect(await other.deps.db.selectFrom('departments').select('id').execute()).toEqual([]);
      await other.deps.db.deleteFrom('patients').where('user_id', '=', stranger.id).execute();
      await other.deps.db.deleteFrom('users').where('id', '=', stranger.id).execute();

      other.clock.set(world().clock());
      expect((await seedDemoHospital(other.deps)).seeded).toBe(true);
      const [a, b] = [await snapshot(world()), await snapshot(other)];
      expect(b.departments).toEqual(a.departments);
      expect(b.doctors).toEqual(a.doctors);
      expect(b.patients).toEqual(a.patients);
      expect(b.appointments).toEqual(a.appointments);
    } finally {
      await other.cleanup();
    }
  });
});
