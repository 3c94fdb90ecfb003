/**
 * Booking under a crowd (issue 7, "Tests that must exist"): requests from two separate processes
 * (tests/race/booking-worker.ts, each with its own Deps and its own database connections) on this
 * project's database, SQLite or PostgreSQL. The partial unique indexes decide (ADR 019): exactly one
 * request wins a slot; nothing is half-moved.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { newId } from '../../shared/ids';
import { at, insertAppointment, sessionCookie } from '../support/booking';
import { createDepartment, createDoctor } from '../support/doctors';
import { useTestWorld } from '../support/test-deps';

const world = useTestWorld();
const deps = () => world().deps;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./booking-worker.ts', import.meta.url));
/** Tuesday 1 December 2026, 08:00 (UTC is the hospital's zone here). */
const NOW = '2026-12-01T08:00:00.000Z';
const BOOK = '/api/patient/appointments';

interface Order {
  method: 'POST';
  path: string;
  cookie: string;
  json: unknown;
}
interface Result {
  status: number;
  code: string | null;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts a worker process with its orders; resolves once it is built and warm. */
function startWorker(orders: Order[]): Promise<{ go(): void; results: Promise<Result[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: world().database.url,
      REDIS_URL: world().config.redisUrl,
      REDIS_KEY_PREFIX: world().config.redisKeyPrefix,
      RACE_NOW: NOW,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  let stdout = '';
  let readyResolve!: () => void;
  let doneResolve!: (r: Result[]) => void;
  let fail!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    fail = reject;
  });
  const results = new Promise<Result[]>((resolve, reject) => {
    doneResolve = resolve;
    const previous = fail;
    fail = (err) => {
      previous(err);
      reject(err);
    };
  });
  results.catch(() => {});
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    let newline: number;
    while ((newline = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, newline);
      stdout = stdout.slice(newline + 1);
      if (line === 'ready') readyResolve();
      else if (line.startsWith('[')) doneResolve(JSON.parse(line) as Result[]);
    }
  });
  child.on('exit', (code) => fail(new Error(`the race worker exited with ${code}: ${stderr.slice(-2000)}`)));
  child.stdin!.write(`${JSON.stringify(orders)}\n`);
  return ready.then(() => ({ go: () => child.stdin!.write('go\n'), results }));
}

/** Both processes built and warm, then both told to go at once; their results in order. */
async function race(first: Order[], second: Order[]): Promise<Result[]> {
  const workers = await Promise.all([startWorker(first), startWorker(second)]);
  for (const w of workers) w.go();
  const [a, b] = await Promise.all(workers.map((w) => w.results));
  return [...a!, ...b!];
}

/** Many users at once, straight into the database (no argon2: they sign in by a session made here). */
async function insertUsers(role: 'patient' | 'doctor', count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  const now = NOW;
  for (let i = 0; i < ids.length; i += 10) {
    const chunk = ids.slice(i, i + 10);
    await deps()
      .db.insertInto('users')
      .values(chunk.map((id) => ({ id, role, email: `${role}.${id}@example.org`, name: `Race ${role}`, password_hash: 'not a hash: nobody signs in with a password', status: 'active' as const, created_at: now, updated_at: now })))
      .execute();
    if (role === 'patient') {
      await deps()
        .db.insertInto('patients')
        .values(chunk.map((id) => ({ user_id: id, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: now, updated_at: now })))
        .execute();
    }
  }
  return ids;
}

/** Doctors who work 09:00–12:00 every day. */
async function insertDoctors(count: number): Promise<string[]> {
  const department = await createDepartment(deps());
  const ids = await insertUsers('doctor', count);
  for (let i = 0; i < ids.length; i += 10) {
    const chunk = ids.slice(i, i + 10);
    await deps()
      .db.insertInto('doctors')
      .values(chunk.map((id) => ({ user_id: id, department_id: department.id, specialization: 'General practice', experience_years: 5, bio: null, slot_minutes: 30, deleted_at: null, created_at: NOW, updated_at: NOW })))
      .execute();
    await deps()
      .db.insertInto('doctor_weekly_hours')
      .values(chunk.flatMap((id) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ doctor_id: id, weekday, start_time: '09:00', end_time: '12:00' }))))
      .execute();
  }
  return ids;
}

const live = (where: { doctorId?: string; patientId?: string; start: string }) => {
  let query = deps().db.selectFrom('appointments').selectAll().where('start_at', '=', where.start).where(sql.ref('status'), '<>', 'cancelled');
  if (where.doctorId) query = query.where('doctor_id', '=', where.doctorId);
  if (where.patientId) query = query.where('patient_id', '=', where.patientId);
  return query.execute();
};

const tally = (results: Result[]) => {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.code ?? String(r.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe(`booking races between two processes (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  test('200 patients book one slot at once: exactly one 201, 199 slot_taken, one live row', { timeout: 120_000 }, async () => {
    world().clock.set(NOW);
    const doctor = await createDoctor(deps());
    const patients = await insertUsers('patient', 200);
    const start = at(deps(), '2026-12-02', '10:00');
    const orders: Order[] = [];
    for (const id of patients) orders.push({ method: 'POST', path: BOOK, cookie: await sessionCookie(deps(), id), json: { doctorId: doctor.id, start } });

    const results = await race(orders.slice(0, 100), orders.slice(100));
    expect(tally(results)).toEqual({ 201: 1, slot_taken: 199 });
    const rows = await live({ doctorId: doctor.id, start });
    expect(rows).toHaveLength(1);
    expect(await deps().db.selectFrom('appointments').select('id').where('doctor_id', '=', doctor.id).execute()).toHaveLength(1);
    expect(await deps().db.selectFrom('audit_log').select('id').where('action', '=', 'appointment_book').where('entity_id', '=', rows[0]!.id).execute()).toHaveLength(1);
  });

  test('one patient books 200 doctors at one start at once: exactly one 201, 199 slot_taken, one live row', { timeout: 120_000 }, async () => {
    world().clock.set(NOW);
    const doctors = await insertDoctors(200);
    const [patient] = await insertUsers('patient', 1);
    const cookie = await sessionCookie(deps(), patient!);
    const start = at(deps(), '2026-12-03', '09:30');
    const orders: Order[] = doctors.map((doctorId) => ({ method: 'POST', path: BOOK, cookie, json: { doctorId, start } }));

    const results = await race(orders.slice(0, 100), orders.slice(100));
    expect(tally(results)).toEqual({ 201: 1, slot_taken: 199 });
    expect(await live({ patientId: patient!, start })).toHaveLength(1);
    expect(await deps().db.selectFrom('appointments').select('id').where('patient_id', '=', patient!).execute()).toHaveLength(1);
  });

  test('a reschedule racing a booking for its target slot: one wins, and the appointment is wholly moved or wholly where it was', { timeout: 120_000 }, async () => {
    world().clock.set(NOW);
    const ROUNDS = 20;
    const doctor = await createDoctor(deps(), { weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, windows: [{ start: '09:00', end: '17:00' }] })) });
    const holders = await insertUsers('patient', ROUNDS);
    const bookers = await insertUsers('patient', ROUNDS);
    const rounds: Array<{ id: string; from: string; to: string; move: Order; book: Order }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Round i: the holder's appointment at `from`, the booker and the holder both after `to`, on days 2–6.
      const date = `2026-12-0${2 + (i % 5)}`;
      const slot = Math.floor(i / 5) * 4;
      const clock = (n: number) => `${String(9 + Math.floor(n / 2)).padStart(2, '0')}:${n % 2 ? '30' : '00'}`;
      const from = at(deps(), date, clock(slot));
      const to = at(deps(), date, clock(slot + 1));
      const id = await insertAppointment(deps(), { doctorId: doctor.id, patientId: holders[i]!, start: from });
      rounds.push({
        id,
        from,
        to,
        move: { method: 'POST', path: `${BOOK}/${id}/reschedule`, cookie: await sessionCookie(deps(), holders[i]!), json: { start: to } },
        book: { method: 'POST', path: BOOK, cookie: await sessionCookie(deps(), bookers[i]!), json: { doctorId: doctor.id, start: to } },
      });
    }
    // Each process sends the reschedules of half the rounds and the bookings of the other half.
    const half = ROUNDS / 2;
    const first = [...rounds.slice(0, half).map((r) => r.move), ...rounds.slice(half).map((r) => r.book)];
    const second = [...rounds.slice(0, half).map((r) => r.book), ...rounds.slice(half).map((r) => r.move)];
    const results = await race(first, second);
    const resultOf = (order: Order) => results[first.includes(order) ? first.indexOf(order) : first.length + second.indexOf(order)]!;

    let movesWon = 0;
    for (const round of rounds) {
      const moved = resultOf(round.move);
      const booked = resultOf(round.book);
      const winners = [moved.status === 200, booked.status === 201].filter(Boolean).length;
      expect(winners, JSON.stringify({ moved, booked })).toBe(1);
      const loser = moved.status === 200 ? booked : moved;
      expect(loser).toEqual({ status: 409, code: 'slot_taken' });

      const row = await deps().db.selectFrom('appointments').select(['start_at', 'end_at', 'status']).where('id', '=', round.id).executeTakeFirstOrThrow();
      const end = (start: string) => new Date(new Date(start).getTime() + 30 * 60_000).toISOString();
      if (moved.status === 200) {
        movesWon++;
        expect(row).toEqual({ start_at: round.to, end_at: end(round.to), status: 'booked' });
        expect(await live({ doctorId: doctor.id, start: round.from })).toEqual([]);
      } else {
        expect(row).toEqual({ start_at: round.from, end_at: end(round.from), status: 'booked' });
      }
      expect(await live({ doctorId: doctor.id, start: round.to })).toHaveLength(1);
    }
    // Which side wins a round is up to the race; the report of the run says how it fell.
    console.info(`reschedule-vs-booking on ${process.env.TEST_DB ?? 'sqlite'}: ${movesWon} of ${ROUNDS} rounds won by the reschedule`);
  });
});
