/**
 * Booking as a Cloudflare Worker on D1 (issue 7 item 7): the bundle run by Miniflare in workerd, where a
 * transaction is a batch sent at commit (shared/runtime/worker/d1-database.ts). Book, replay by
 * Idempotency-Key, slot_taken, two bookings of one slot at once, reschedule, cancel and rebook, all through
 * the API, with the unique indexes deciding (ADR 019).
 */
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorker, type TestWorker } from '../support/worker';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays, instantAt } from '../../shared/domain/zoned-time';

const ORIGIN = 'http://localhost:8787';
const ZONE = 'Europe/London';

let worker: TestWorker | undefined;
let mf: Miniflare;

const call = (path: string, init?: RequestInit) => mf.dispatchFetch(`${ORIGIN}${path}`, init as never);
const post = async (path: string, cookie: string, json: unknown, headers: Record<string, string> = {}) => {
  const res = await call(path, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify(json) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, text, body: JSON.parse(text) as any, replayed: res.headers.get('Idempotent-Replayed') };
};

async function register(name: string, email: string): Promise<string> {
  const res = await call('/api/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, password: 'a long and unusual passphrase' }),
  });
  expect(res.status).toBe(201);
  await res.arrayBuffer();
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A slot start the day after tomorrow in the hospital's zone: always inside the window, past the notice and the cut-off. */
const slot = (clock: string) => instantAt(addDays(dateInZone(new Date(), ZONE), 2), clock, ZONE).toISOString();

let doctorId: string;
let ada: string;
let grace: string;

beforeAll(async () => {
  worker = await startWorker({ name: 'booking', timeZone: ZONE });
  mf = worker.mf;
  // The first request migrates D1; then a doctor who works 09:00–17:00 every day, straight into D1
  // (admins create doctors through the API in a later issue).
  expect((await call('/api/health')).status).toBe(200);
  const db = await mf.getD1Database('DB');
  const now = new Date().toISOString();
  doctorId = crypto.randomUUID();
  await db.batch([
    db.prepare('insert into departments (id, name, description, created_at, updated_at) values (?, ?, null, ?, ?)').bind('dep-1', 'General medicine', now, now),
    db
      .prepare("insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, 'doctor', 'dr.quill@example.org', 'Dr Ada Quill', 'x', 'active', ?, ?)")
      .bind(doctorId, now, now),
    db
      .prepare("insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, deleted_at, created_at, updated_at) values (?, 'dep-1', 'General practice', 3, null, 30, null, ?, ?)")
      .bind(doctorId, now, now),
    ...[1, 2, 3, 4, 5, 6, 7].map((weekday) =>
      db.prepare("insert into doctor_weekly_hours (doctor_id, weekday, start_time, end_time) values (?, ?, '09:00', '17:00')").bind(doctorId, weekday),
    ),
  ]);
  ada = await register('Ada Byron', 'ada.byron@example.org');
  grace = await register('Grace Brewster', 'grace.brewster@example.org');
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
});

describe('booking in the Worker on D1', () => {
  test('book, replay by Idempotency-Key, reused key, slot_taken, reschedule, cancel and rebook', async () => {
    const BOOK = '/api/patient/appointments';
    const first = await post(BOOK, ada, { doctorId, start: slot('10:00'), reason: 'Check-up' }, { 'Idempotency-Key': 'ada-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ doctorId, doctorName: 'Dr Ada Quill', departmentName: 'General medicine', start: slot('10:00'), status: 'booked' });
    const again = await post(BOOK, ada, { doctorId, start: slot('10:00'), reason: 'Check-up' }, { 'Idempotency-Key': 'ada-1' });
    expect([again.status, again.text, again.replayed]).toEqual([201, first.text, 'true']);
    expect((await post(BOOK, ada, { doctorId, start: slot('10:30') }, { 'Idempotency-Key': 'ada-1' })).body.error.code).toBe('idempotency_key_reused');
    expect((await post(BOOK, grace, { doctorId, start: slot('10:00') })).body.error.code).toBe('slot_taken');

    const moved = await post(`${BOOK}/${first.body.id}/reschedule`, ada, { start: slot('14:00') });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: first.body.id, start: slot('14:00') });
    expect((await post(BOOK, grace, { doctorId, start: slot('10:00') })).status).toBe(201);

    const cancelled = await post(`${BOOK}/${first.body.id}/cancel`, ada, { reason: 'Better now' });
    expect(cancelled.body).toMatchObject({ id: first.body.id, status: 'cancelled', cancelReason: 'Better now' });
    expect((await post(BOOK, ada, { doctorId, start: slot('14:00') })).status).toBe(201);

    const db = await mf.getD1Database('DB');
    const rows = await db.prepare('select start_at, status from appointments order by created_at, id').all<{ start_at: string; status: string }>();
    expect(rows.results).toEqual([
      { start_at: slot('14:00'), status: 'cancelled' },
      { start_at: slot('10:00'), status: 'booked' },
      { start_at: slot('14:00'), status: 'booked' },
    ]);
    const audit = await db.prepare("select action from audit_log where entity = 'appointment' order by at, action").all<{ action: string }>();
    expect(audit.results.map((r) => r.action).sort()).toEqual(['appointment_book', 'appointment_book', 'appointment_book', 'appointment_cancel', 'appointment_reschedule']);
    // One outbox row per change, in each change's batch; the replay by Idempotency-Key wrote none.
    const outbox = await db.prepare('select job, payload from outbox').all<{ job: string; payload: string }>();
    const ofFirst = outbox.results.filter((r) => JSON.parse(r.payload).appointmentId === first.body.id).map((r) => r.job).sort();
    expect(ofFirst).toEqual(['email.appointment_booked', 'email.appointment_cancelled', 'email.appointment_rescheduled']);
    expect(outbox.results.filter((r) => r.job === 'email.appointment_booked')).toHaveLength(3);
  });

  test('two patients booking one slot at once: one 201, one slot_taken; the same key twice at once books once', async () => {
    const BOOK = '/api/patient/appointments';
    const both = await Promise.all([post(BOOK, ada, { doctorId, start: slot('15:00') }), post(BOOK, grace, { doctorId, start: slot('15:00') })]);
    expect(both.map((r) => r.body.error?.code ?? r.status).sort()).toEqual([201, 'slot_taken']);
    const twice = await Promise.all([0, 1].map(() => post(BOOK, grace, { doctorId, start: slot('16:00') }, { 'Idempotency-Key': 'grace-at-once' })));
    expect(twice.map((r) => r.status)).toEqual([201, 201]);
    expect(twice[0]!.text).toBe(twice[1]!.text);
    const db = await mf.getD1Database('DB');
    const live = await db.prepare("select count(*) as n from appointments where start_at = ? and status <> 'cancelled'").bind(slot('16:00')).first<{ n: number }>();
    expect(live?.n).toBe(1);
  });
});
