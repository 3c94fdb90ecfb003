/**
 * The public catalogue and a doctor's availability as the Cloudflare Worker serves them, on D1 (issue 7:
 * catalogue and slots run in workerd too). What differs there: the search's `like … escape`, the count
 * per department, and an availability change whose transaction is one batch of writes after its reads.
 * The hospital is put straight into D1; the doctor signs in through the Worker with a Node-made hash.
 */
import { hash } from '@node-rs/argon2';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorker, type TestWorker } from '../support/worker';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays, instantAt } from '../../shared/domain/zoned-time';

const ORIGIN = 'http://localhost:8787';
const ZONE = 'Europe/London';
const PASSWORD = 'quiet harbour lantern 42';

let worker: TestWorker | undefined;
let mf: Miniflare;
const call = (path: string, init?: RequestInit) => mf.dispatchFetch(`${ORIGIN}${path}`, init as never);

// Tomorrow in the hospital's zone: inside the booking window, and past the minimum notice at noon.
const tomorrow = addDays(dateInZone(new Date(), ZONE), 1);
const noonTomorrow = instantAt(tomorrow, '12:00', ZONE).toISOString();

beforeAll(async () => {
  worker = await startWorker({ name: 'catalog', timeZone: ZONE });
  mf = worker.mf;
  expect((await call('/api/health')).status).toBe(200); // migrates D1

  const db = await mf.getD1Database('DB');
  const at = new Date().toISOString();
  const passwordHash = await hash(PASSWORD);
  const user = (id: string, role: string, name: string, status = 'active') =>
    db
      .prepare('insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(id, role, `${id}@example.org`, name, passwordHash, status, at, at);
  const doctor = (id: string, specialization: string) =>
    db
      .prepare('insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, deleted_at, created_at, updated_at) values (?, ?, ?, 10, null, 60, null, ?, ?)')
      .bind(id, 'dep-heart', specialization, at, at);
  const everyDay = (id: string) =>
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => db.prepare("insert into doctor_weekly_hours (doctor_id, weekday, start_time, end_time) values (?, ?, '09:00', '17:00')").bind(id, weekday));
  await db.batch([
    db.prepare('insert into departments (id, name, description, created_at, updated_at) values (?, ?, null, ?, ?)').bind('dep-heart', 'Cardiology', at, at),
    user('doc-okafor', 'doctor', 'Dr Ada Okafor'),
    user('doc-black', 'doctor', 'Dr Cara Black', 'blacklisted'),
    user('pat-1', 'patient', 'Pat Ient'),
    doctor('doc-okafor', '100% hearts'),
    doctor('doc-black', 'Hearts'),
    ...everyDay('doc-okafor'),
    ...everyDay('doc-black'),
    db
      .prepare("insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, cancel_reason, cancelled_by, created_at, updated_at) values ('apt-1', 'doc-okafor', 'pat-1', ?, ?, 'booked', null, null, null, ?, ?)")
      .bind(noonTomorrow, new Date(Date.parse(noonTomorrow) + 3_600_000).toISOString(), at, at),
  ]);
}, 120_000);

afterAll(async () => {
  await worker?.dispose();
});

describe('the catalogue and availability in the Worker on D1', () => {
  test('departments count only bookable doctors', async () => {
    const res = await call('/api/departments');
    expect(await res.json()).toEqual({ items: [{ id: 'dep-heart', name: 'Cardiology', description: null, doctorCount: 1 }], total: 1 });
  });

  test('the search is case-insensitive and takes % literally; the blacklisted doctor never appears', async () => {
    const names = async (q: string) => ((await (await call(`/api/doctors?q=${encodeURIComponent(q)}`)).json()) as { items: { name: string }[] }).items.map((d) => d.name);
    expect(await names('HEART')).toEqual(['Dr Ada Okafor']);
    expect(await names('%')).toEqual(['Dr Ada Okafor']);
    expect(await names('0_')).toEqual([]);
    expect((await call('/api/doctors/doc-black')).status).toBe(404);
  });

  test("a doctor's free slots leave out the booked hour", async () => {
    const res = await call(`/api/doctors/doc-okafor/slots?from=${tomorrow}&to=${tomorrow}`);
    const starts = ((await res.json()) as { items: { start: string }[] }).items.map((s) => s.start);
    expect(starts).toHaveLength(7);
    expect(starts).not.toContain(noonTomorrow);
  });

  test('a doctor changes a date; a change that strands the booked hour is 409 with its id and writes nothing', async () => {
    const login = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'doc-okafor@example.org', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const put = (windows: { start: string; end: string }[]) =>
      call('/api/doctor/availability', { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ days: [{ date: tomorrow, windows }] }) });

    const refused = await put([{ start: '09:00', end: '12:00' }]);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'state', appointmentIds: ['apt-1'] } });
    const db = await mf.getD1Database('DB');
    expect((await db.prepare('select count(*) as n from doctor_availability_dates').first<{ n: number }>())?.n).toBe(0);

    const accepted = await put([{ start: '11:00', end: '14:00' }]);
    expect(accepted.status).toBe(200);
    const body = (await accepted.json()) as { days: { date: string; windows: unknown[]; source: string }[] };
    expect(body.days.find((d) => d.date === tomorrow)).toEqual({ date: tomorrow, windows: [{ start: '11:00', end: '14:00' }], source: 'date' });
    const audit = await db.prepare("select actor_role from audit_log where action = 'availability_update'").all<{ actor_role: string }>();
    expect(audit.results).toEqual([{ actor_role: 'doctor' }]);
  });
});
