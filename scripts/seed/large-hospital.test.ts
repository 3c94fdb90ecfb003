/**
 * The large hospital (`npm run seed -- --scale large`, scripts/seed/large-hospital.ts) at a small size: the
 * same code with sizes a test can afford, on SQLite and PostgreSQL. The full size is timed in ADR 030.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import login from '../../functions/auth/login';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays } from '../../shared/domain/zoned-time';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { seedCommand } from '../seed';
import { seedDemoHospital, type SeedResult } from './demo-hospital';
import { addLargeHospital, SCALES, type LargeCounts, type ScaleSizes } from './large-hospital';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
const SIZES: ScaleSizes = { doctors: 40, patients: 700, appointments: 4_000, days: 60 };
let demo: SeedResult;
let added: LargeCounts;
let demoPatientVisits = 0;
let demoDoctors: string[] = [];
const progress: string[] = [];

const count = async (table: 'doctors' | 'patients' | 'appointments' | 'treatments') =>
  Number((await world().deps.db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** The hospital's local weekday (0 Sunday) and HH:MM of an instant. */
function local(iso: string) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')), clock: `${get('hour')}:${get('minute')}` };
}

beforeAll(async () => {
  const deps = world().deps;
  demo = await seedDemoHospital(deps);
  if (!demo.seeded) throw new Error(demo.reason);
  const patient = await deps.db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', demo.signIns.patient.email).executeTakeFirstOrThrow();
  demoDoctors = (await deps.db.selectFrom('doctors').select('user_id').execute()).map((d) => d.user_id);
  demoPatientVisits = (await deps.db.selectFrom('appointments').select('id').where('patient_id', '=', patient.id).execute()).length;
  added = await addLargeHospital(deps.db, {
    sizes: SIZES,
    passwordHash: patient.password_hash,
    now: deps.clock(),
    timeZone: deps.config.hospitalTimeZone,
    staffDomain: 'hospital.local',
    sqlite: world().database.kind === 'sqlite',
    onProgress: (p) => progress.push(p.step),
  });
}, 120_000);

describe('the large hospital, at a small size', () => {
  test('the database holds exactly the doctors, patients and appointments asked for, and progress was reported', async () => {
    expect(await count('doctors')).toBe(SIZES.doctors);
    expect(await count('patients')).toBe(SIZES.patients);
    expect(await count('appointments')).toBe(SIZES.appointments);
    expect(added.appointments).toBeGreaterThan(2_000);
    expect(await count('treatments')).toBe(added.treatments + (demo.seeded ? demo.counts.treatments : 0));
    expect(new Set(progress)).toEqual(new Set(['doctors', 'patients', 'appointments and treatments', 'statistics (ANALYZE)']));
  });

  test('no doctor and no patient has two live appointments at one start', async () => {
    const { db } = world().deps;
    const doubleDoctor = await db
      .selectFrom('appointments')
      .select(['doctor_id', 'start_at'])
      .where('status', '<>', 'cancelled')
      .groupBy(['doctor_id', 'start_at'])
      .having((e) => e.fn.countAll(), '>', 1)
      .execute();
    const doublePatient = await db
      .selectFrom('appointments')
      .select(['patient_id', 'start_at'])
      .where('status', '<>', 'cancelled')
      .groupBy(['patient_id', 'start_at'])
      .having((e) => e.fn.countAll(), '>', 1)
      .execute();
    expect(doubleDoctor).toEqual([]);
    expect(doublePatient).toEqual([]);
  });

  test('every completed visit has one treatment and nothing else has any; no patient holds more than the open cap', async () => {
    const { db, config } = world().deps;
    const mismatched = await db
      .selectFrom('appointments as a')
      .leftJoin('treatments as t', 't.appointment_id', 'a.id')
      .select(['a.id', 'a.status', 't.id as treatment'])
      .where((e) => e.or([e.and([e('a.status', '=', 'completed'), e('t.id', 'is', null)]), e.and([e('a.status', '<>', 'completed'), e('t.id', 'is not', null)])]))
      .execute();
    expect(mismatched).toEqual([]);
    const open = await db
      .selectFrom('appointments')
      .select(['patient_id', (e) => e.fn.countAll().as('n')])
      .where('status', '=', 'booked')
      .groupBy('patient_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirst();
    expect(Number(open?.n ?? 0)).toBeLessThanOrEqual(config.booking.maxOpenAppointments);
  });

  test("the new visits lie in the doctors' hours (weekdays, 09:00–12:30 and 13:30–17:00): the past ones in the last 60 days, the booked ones in the coming week", async () => {
    const { db, clock } = world().deps;
    const rows = await db.selectFrom('appointments').select(['start_at', 'status']).where('doctor_id', 'not in', demoDoctors).execute();
    expect(rows.length).toBe(added.appointments);
    const today = dateInZone(clock(), 'Europe/London');
    const first = addDays(today, -SIZES.days);
    const weekAhead = addDays(today, 8);
    for (const row of rows) {
      const { weekday, clock: hhmm } = local(row.start_at);
      expect(weekday >= 1 && weekday <= 5, row.start_at).toBe(true);
      expect((hhmm >= '09:00' && hhmm < '12:30') || (hhmm >= '13:30' && hhmm < '17:00'), `${row.start_at} at ${hhmm}`).toBe(true);
      const date = dateInZone(new Date(row.start_at), 'Europe/London');
      if (row.status === 'booked') {
        expect(date > today && date < weekAhead, row.start_at).toBe(true);
      } else {
        expect(date >= first && date < today, row.start_at).toBe(true);
      }
    }
  });

  test("the demo's sign-ins still work and the demo patient's visits are untouched", async () => {
    const { db } = world().deps;
    const patient = await db.selectFrom('users').select('id').where('email', '=', demo.seeded ? demo.signIns.patient.email : '').executeTakeFirstOrThrow();
    expect((await db.selectFrom('appointments').select('id').where('patient_id', '=', patient.id).execute()).length).toBe(demoPatientVisits);
    const client = testClient(world().deps, [login]);
    for (const email of [demo.seeded ? demo.signIns.doctor.email : '', demo.seeded ? demo.signIns.patient.email : '']) {
      const res = await client.post('/api/auth/login', { json: { email, password: demo.seeded ? demo.signIns.password : '' } });
      expect(res.status).toBe(200);
    }
  });

  test('`--scale large` names the sizes of the issue; an unknown scale, or --scale with --patients, is refused', async () => {
    expect(SCALES.large).toEqual({ doctors: 1_000, patients: 100_000, appointments: 1_000_000, days: 730 });
    const env = { DATABASE_URL: world().database.url, LOG_LEVEL: 'silent' };
    const err: string[] = [];
    expect(await seedCommand(env, { write: () => {} }, { write: (s: string) => err.push(s) }, ['--scale', 'huge'])).toBe(1);
    expect(err.join('')).toContain('--scale must be one of: demo, large');
    expect(await seedCommand(env, { write: () => {} }, { write: (s: string) => err.push(s) }, ['--scale', 'large', '--patients', '5000'])).toBe(1);
    expect(err.join('')).toContain('give --patients or --scale, not both');
  });
});
