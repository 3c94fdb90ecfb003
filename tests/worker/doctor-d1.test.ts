/**
 * The doctor's work as the Cloudflare Worker serves it, on D1 (issue 8): the dashboard, completing a visit
 * (the treatment insert, the status update and the audit row as one batch after the transaction's one read;
 * a second complete refused), and a doctor's cancel with its outbox row in the same batch. The hospital is
 * put straight into D1; the doctor signs in through the Worker with a Node-made hash.
 */
import { hash } from '@node-rs/argon2';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorker, type TestWorker } from '../support/worker';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays, instantAt } from '../../shared/domain/zoned-time';

const ORIGIN = 'http://localhost:8787';
const ZONE = 'Asia/Kolkata';
const PASSWORD = 'quiet harbour lantern 42';

let worker: TestWorker | undefined;
let mf: Miniflare;
let cookie = '';
const call = (path: string, init: RequestInit = {}) =>
  mf.dispatchFetch(`${ORIGIN}${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } } as never);
const post = async (path: string, json: unknown) => {
  const res = await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
};

// A visit that started 10 minutes ago (completable), and one the day after tomorrow in the hospital's zone.
const started = new Date(Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000).toISOString();
const later = instantAt(addDays(dateInZone(new Date(), ZONE), 2), '10:00', ZONE).toISOString();
const endOf = (start: string) => new Date(Date.parse(start) + 30 * 60_000).toISOString();

beforeAll(async () => {
  worker = await startWorker({ name: 'doctor', timeZone: ZONE });
  mf = worker.mf;
  expect((await mf.dispatchFetch(`${ORIGIN}/api/health`)).status).toBe(200); // migrates D1

  const db = await mf.getD1Database('DB');
  const at = new Date().toISOString();
  const passwordHash = await hash(PASSWORD);
  const user = (id: string, role: string, name: string) =>
    db
      .prepare("insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, ?, ?, ?, ?, 'active', ?, ?)")
      .bind(id, role, `${id}@example.org`, name, passwordHash, at, at);
  const appointment = (id: string, start: string) =>
    db
      .prepare("insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, cancel_reason, cancelled_by, created_at, updated_at) values (?, 'doc-1', 'pat-1', ?, ?, 'booked', 'Cough', null, null, ?, ?)")
      .bind(id, start, endOf(start), at, at);
  await db.batch([
    db.prepare("insert into departments (id, name, description, created_at, updated_at) values ('dep-1', 'General medicine', null, ?, ?)").bind(at, at),
    user('doc-1', 'doctor', 'Dr Mira Shah'),
    user('pat-1', 'patient', 'Ada Lovelace'),
    db.prepare("insert into patients (user_id, phone, date_of_birth, gender, address, blood_group, created_at, updated_at) values ('pat-1', null, null, null, null, null, ?, ?)").bind(at, at),
    db
      .prepare("insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, deleted_at, created_at, updated_at) values ('doc-1', 'dep-1', 'General practice', 10, null, 30, null, ?, ?)")
      .bind(at, at),
    appointment('apt-now', started),
    appointment('apt-later', later),
  ]);
  const login = await mf.dispatchFetch(`${ORIGIN}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'doc-1@example.org', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
});

describe("the doctor's work in the Worker on D1", () => {
  test("the dashboard lists today's and the week's visits in the hospital's zone", async () => {
    const res = await call('/api/doctor/dashboard');
    expect(res.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = (await res.json()) as any;
    const today = dateInZone(new Date(), ZONE);
    expect(body.week.map((a: { id: string }) => a.id)).toEqual(dateInZone(new Date(started), ZONE) === today ? ['apt-now', 'apt-later'] : ['apt-later']);
    expect(body.today.map((a: { id: string }) => a.id)).toEqual(dateInZone(new Date(started), ZONE) === today ? ['apt-now'] : []);
    expect(body.week.at(-1)).toEqual({
      id: 'apt-later',
      patientId: 'pat-1',
      patientName: 'Ada Lovelace',
      start: later,
      end: endOf(later),
      status: 'booked',
      reason: 'Cough',
      cancelReason: null,
      treatmentId: null,
    });
    expect(body.patientCount).toBe(1);
  });

  test('completing a visit writes one treatment, the status and the audit row; a second complete is 409 state', async () => {
    const done = await post('/api/doctor/appointments/apt-now/complete', { diagnosis: 'Acute bronchitis', nextVisit: addDays(dateInZone(new Date(), ZONE), 7) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: 'apt-now', status: 'completed', treatment: { diagnosis: 'Acute bronchitis', authorId: 'doc-1', patientId: 'pat-1' } });
    const again = await post('/api/doctor/appointments/apt-now/complete', { diagnosis: 'Again' });
    expect([again.status, again.body.error.code]).toEqual([409, 'state']);
    expect((await post('/api/doctor/appointments/apt-later/complete', { diagnosis: 'Too early' })).body.error.code).toBe('state');

    const db = await mf.getD1Database('DB');
    const treatments = await db.prepare("select diagnosis from treatments where appointment_id = 'apt-now'").all<{ diagnosis: string }>();
    expect(treatments.results).toEqual([{ diagnosis: 'Acute bronchitis' }]);
    const status = await db.prepare("select status from appointments where id = 'apt-now'").first<{ status: string }>();
    expect(status?.status).toBe('completed');
    const audit = await db.prepare("select actor_role, patient_id, detail from audit_log where action = 'appointment_complete' and entity_id = 'apt-now'").all<{ actor_role: string; patient_id: string; detail: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ actor_role: 'doctor', patient_id: 'pat-1' });
    expect(audit.results[0]!.detail).not.toContain('bronchitis');
    // One outbox row in the same batch, from the first complete only.
    const outbox = await db.prepare("select job, payload from outbox where job = 'email.visit_completed'").all();
    expect(outbox.results).toEqual([{ job: 'email.visit_completed', payload: JSON.stringify({ appointmentId: 'apt-now' }) }]);
  });

  test("a doctor's cancel writes its outbox row in the same batch", async () => {
    const res = await post('/api/doctor/appointments/apt-later/cancel', { reason: 'Clinic closed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'apt-later', status: 'cancelled', cancelReason: 'Clinic closed' });
    const db = await mf.getD1Database('DB');
    // Every appointment outbox row there is: the completed visit's (the test before) and this cancel's. (The
    // doctor's sign-in from a new browser queued an account notice too: ADR 029.)
    const outbox = await db.prepare("select job, payload, attempts, relayed_at from outbox where job != 'email.account_notice' order by job").all();
    expect(outbox.results).toEqual([
      { job: 'email.appointment_cancelled', payload: JSON.stringify({ appointmentId: 'apt-later' }), attempts: 0, relayed_at: null },
      { job: 'email.visit_completed', payload: JSON.stringify({ appointmentId: 'apt-now' }), attempts: 0, relayed_at: null },
    ]);
    expect((await post('/api/doctor/appointments/apt-later/cancel', {})).body.error.code).toBe('state');
  });
});
