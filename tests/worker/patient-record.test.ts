/**
 * The patient's own record as a Cloudflare Worker on D1: the profile change's transaction (every read before
 * the first write), the read audit's group commit, and the calendar file with its VTIMEZONE from a library
 * whose zone data lives in the bundle (ADR 021), all inside workerd.
 */
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorker, type TestWorker } from '../support/worker';

const ORIGIN = 'http://localhost:8787';
const patient = { name: 'Ada Lovelace', email: 'ada.record@example.org', password: 'analytical engine 1843' };

let worker: TestWorker | undefined;
let mf: Miniflare;
let cookie = '';
let patientId = '';
const ids = { department: 'dep-1', doctor: 'doc-1', past: 'apt-past', next: 'apt-next', treatment: 'trt-1' };

const call = (path: string, init: RequestInit = {}) =>
  mf.dispatchFetch(`${ORIGIN}${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } } as never);

beforeAll(async () => {
  worker = await startWorker({ name: 'patient', timeZone: 'Europe/London' });
  mf = worker.mf;

  const registered = await mf.dispatchFetch(`${ORIGIN}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patient),
  });
  expect(registered.status).toBe(201);
  patientId = ((await registered.json()) as { user: { id: string } }).user.id;
  cookie = registered.headers.get('set-cookie')!.split(';')[0]!;

  // A doctor and two visits straight in D1: one past and treated, one in two days.
  const db = await mf.getD1Database('DB');
  const now = new Date().toISOString();
  const day = 86_400_000;
  const at = (offset: number) => new Date(Math.floor((Date.now() + offset) / 3_600_000) * 3_600_000).toISOString();
  await db.batch([
    db.prepare('insert into departments (id, name, description, created_at, updated_at) values (?, ?, null, ?, ?)').bind(ids.department, 'Cardiology', now, now),
    db
      .prepare("insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, 'doctor', 'mina@example.org', 'Dr Mina Patel', 'x', 'active', ?, ?)")
      .bind(ids.doctor, now, now),
    db
      .prepare("insert into doctors (user_id, department_id, specialization, experience_years, bio, slot_minutes, deleted_at, created_at, updated_at) values (?, ?, 'Cardiology', 10, null, 30, null, ?, ?)")
      .bind(ids.doctor, ids.department, now, now),
    db
      .prepare("insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, cancel_reason, cancelled_by, created_at, updated_at) values (?, ?, ?, ?, ?, 'completed', null, null, null, ?, ?)")
      .bind(ids.past, ids.doctor, patientId, at(-30 * day), at(-30 * day + 1_800_000), now, now),
    db
      .prepare("insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, cancel_reason, cancelled_by, created_at, updated_at) values (?, ?, ?, ?, ?, 'booked', null, null, null, ?, ?)")
      .bind(ids.next, ids.doctor, patientId, at(2 * day), at(2 * day + 1_800_000), now, now),
    db
      .prepare("insert into treatments (id, appointment_id, doctor_id, patient_id, diagnosis, prescription, notes, next_visit, created_at, updated_at) values (?, ?, ?, ?, 'Hypertension', 'Amlodipine 5 mg', null, null, ?, ?)")
      .bind(ids.treatment, ids.past, ids.doctor, patientId, now, now),
  ]);
});

afterAll(async () => {
  await worker?.dispose();
});

describe("the patient's own record in the Worker on D1", () => {
  test('the profile is read, and changed in one D1 transaction with its audit row', async () => {
    expect(await (await call('/api/patient/profile')).json()).toMatchObject({ id: patientId, name: 'Ada Lovelace', bloodGroup: null });
    const changed = await call('/api/patient/profile', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada King', bloodGroup: 'O-', address: 'St James’s Square\nLondon' }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: 'Ada King', bloodGroup: 'O-', address: 'St James’s Square\nLondon' });
    const db = await mf.getD1Database('DB');
    const row = await db.prepare('select u.name, p.blood_group from users u join patients p on p.user_id = u.id where u.id = ?').bind(patientId).first();
    expect(row).toEqual({ name: 'Ada King', blood_group: 'O-' });
  });

  test('appointments, one appointment with its treatment, and the history', async () => {
    const list = (await (await call('/api/patient/appointments')).json()) as { items: Array<{ id: string }>; total: number };
    expect(list.items.map((a) => a.id)).toEqual([ids.next, ids.past]);
    const one = (await (await call(`/api/patient/appointments/${ids.past}`)).json()) as { treatment: { diagnosis: string } };
    expect(one.treatment.diagnosis).toBe('Hypertension');
    const history = (await (await call('/api/patient/history')).json()) as { items: Array<{ appointmentId: string; doctorName: string }>; total: number };
    expect(history).toMatchObject({ total: 1, items: [{ appointmentId: ids.past, doctorName: 'Dr Mina Patel' }] });
  });

  test("the calendar file carries the hospital's zone", async () => {
    const res = await call(`/api/patient/appointments/${ids.next}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text).toContain(`UID:${ids.next}@wardline`);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    expect(text).toMatch(/\r\nDTSTART;TZID=Europe\/London:\d{8}T\d{6}\r\n/);
    expect(text).toContain('SUMMARY:Appointment with Dr Mina Patel (Cardiology)');
  });

  test("every read and the change are in the access log, under the patient's own name", async () => {
    const res = await call('/api/patient/access-log');
    const log = (await res.json()) as { items: Array<{ action: string; actorName: string }>; total: number };
    expect(log.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['profile_read', 'profile_update', 'appointments_list', 'appointment_read', 'history_read', 'appointment_calendar']),
    );
    expect(log.total).toBe(6);
    expect(new Set(log.items.map((i) => i.actorName))).toEqual(new Set(['Ada King']));
  });
});
