import { beforeAll, describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, createAppointment, signedIn } from '../../tests/support/patient-records';
import listAppointments from './list-appointments';

const world = useTestWorld();

// The test clock reads 2026-12-01T08:00:00.000Z.
let patient: Awaited<ReturnType<typeof signedIn>>;
let doctor: Awaited<ReturnType<typeof createDoctor>>;
let departmentName: string;
const at: Record<string, string> = {};

beforeAll(async () => {
  const deps = world().deps;
  const department = await createDepartment(deps, { name: 'Cardiology' });
  departmentName = department.name;
  doctor = await createDoctor(deps, { departmentId: department.id, name: 'Dr Mina Patel' });
  patient = await signedIn(deps, [listAppointments]);
  const make = async (key: string, start: string, status: 'booked' | 'completed' | 'cancelled' = 'booked') => {
    at[key] = (await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start, status, reason: key === 'next' ? 'Chest pain' : null })).id;
  };
  await make('lastMonth', '2026-11-01T10:00:00.000Z', 'completed');
  await make('lastWeek', '2026-11-24T10:00:00.000Z', 'completed');
  await make('yesterday', '2026-11-30T10:00:00.000Z', 'cancelled');
  await make('now', '2026-12-01T08:00:00.000Z'); // starts this very minute: upcoming
  await make('next', '2026-12-02T09:00:00.000Z');
  await make('later', '2026-12-05T14:30:00.000Z', 'cancelled');
  await make('latest', '2026-12-06T09:00:00.000Z');
  // Someone else's appointment with the same doctor never shows.
  const other = await signedIn(deps, []);
  await createAppointment(deps, { patientId: other.user.id, doctorId: doctor.id, start: '2026-12-03T09:00:00.000Z' });
});

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => Object.entries(at).find(([, id]) => id === item.id)?.[0] ?? item.id);

describe('GET /api/patient/appointments', () => {
  test('without filters: upcoming first, soonest first, then past, most recent first', async () => {
    const res = await patient.c.get('/api/patient/appointments');
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(['now', 'next', 'later', 'latest', 'yesterday', 'lastWeek', 'lastMonth']);
    expect(res.body.total).toBe(7);
  });

  test('each item is the appointment as its patient sees it', async () => {
    const res = await patient.c.get('/api/patient/appointments?when=upcoming&pageSize=2');
    expect(res.body.items[1]).toEqual({
      id: at.next,
      doctorId: doctor.id,
      doctorName: 'Dr Mina Patel',
      departmentName,
      start: '2026-12-02T09:00:00.000Z',
      end: '2026-12-02T09:30:00.000Z',
      status: 'booked',
      reason: 'Chest pain',
      cancelReason: null,
      createdAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:00:00.000Z',
    });
  });

  test('when=upcoming is soonest first from now on; when=past is most recent first before now', async () => {
    const upcoming = await patient.c.get('/api/patient/appointments?when=upcoming');
    expect(ids(upcoming.body)).toEqual(['now', 'next', 'later', 'latest']);
    expect(upcoming.body.total).toBe(4);
    const past = await patient.c.get('/api/patient/appointments?when=past');
    expect(ids(past.body)).toEqual(['yesterday', 'lastWeek', 'lastMonth']);
    expect(past.body.total).toBe(3);
  });

  test('status narrows the list and its total, with or without when', async () => {
    const cancelled = await patient.c.get('/api/patient/appointments?status=cancelled');
    expect(ids(cancelled.body)).toEqual(['later', 'yesterday']);
    expect(cancelled.body.total).toBe(2);
    const booked = await patient.c.get('/api/patient/appointments?status=booked&when=upcoming');
    expect(ids(booked.body)).toEqual(['now', 'next', 'latest']);
    const completed = await patient.c.get('/api/patient/appointments?status=completed&when=upcoming');
    expect(completed.body).toEqual({ items: [], total: 0 });
  });

  test('pages cut the same order; the total is of every page', async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const res = await patient.c.get(`/api/patient/appointments?page=${page}&pageSize=2`);
      expect(res.body.total).toBe(7);
      pages.push(ids(res.body));
    }
    expect(pages).toEqual([['now', 'next'], ['later', 'latest'], ['yesterday', 'lastWeek'], ['lastMonth']]);
    expect((await patient.c.get('/api/patient/appointments?page=9&pageSize=2')).body).toEqual({ items: [], total: 7 });
  });

  test('time moving on moves an appointment from upcoming to past', async () => {
    world().clock.set('2026-12-01T08:00:00.001Z');
    try {
      expect(ids((await patient.c.get('/api/patient/appointments?when=past&pageSize=1')).body)).toEqual(['now']);
    } finally {
      world().clock.set('2026-12-01T08:00:00.000Z');
    }
  });

  test('a patient with no appointments gets an empty list', async () => {
    const { c } = await signedIn(world().deps, [listAppointments]);
    expect((await c.get('/api/patient/appointments')).body).toEqual({ items: [], total: 0 });
  });

  test('bad status, when, page or pageSize is 400 naming it, and no audit row is written', async () => {
    const { c, user } = await signedIn(world().deps, [listAppointments]);
    for (const [q, field] of [
      ['status=pending', 'status'],
      ['status=BOOKED', 'status'],
      ['when=tomorrow', 'when'],
      ['page=0', 'page'],
      ['page=x', 'page'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=-1', 'pageSize'],
    ] as const) {
      const res = await c.get(`/api/patient/appointments?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.fields), q).toEqual([field]);
    }
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    expect((await testClient(world().deps, [listAppointments]).get('/api/patient/appointments')).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [listAppointments], role);
      expect((await c.get('/api/patient/appointments')).status, role).toBe(403);
    }
  });

  test('the read writes an audit row', async () => {
    const { c, user } = await signedIn(world().deps, [listAppointments]);
    await c.get('/api/patient/appointments?status=booked');
    const rows = await auditRowsOf(world().deps, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: user.id, actor_role: 'patient', patient_id: user.id, action: 'appointments_list', entity: 'appointment', outcome: 'ok', detail: null });
  });
});
