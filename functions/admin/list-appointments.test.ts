import { beforeAll, describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, createAppointment } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listAppointments from './list-appointments';

// Kolkata (+05:30): a calendar date there starts at 18:30 UTC the day before.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Asia/Kolkata' });
let ctx: Awaited<ReturnType<typeof adminAndOthers>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const deps = world().deps;
  ctx = await adminAndOthers(deps, [listAppointments]);
  const drA = await createDoctor(deps, { name: 'Dr Amal Shah' });
  const drB = await createDoctor(deps, { name: 'Dr Bea Lind' });
  const pat1 = await createUser(deps, { name: 'Mira Patel' });
  const pat2 = await createUser(deps, { name: 'Tom Reyes' });
  Object.assign(ids, { drA: drA.id, drB: drB.id, pat1: pat1.id, pat2: pat2.id });
  // 2 Dec 09:00 IST = 03:30Z; 2 Dec 23:00 IST = 17:30Z; 3 Dec 00:30 IST = 2 Dec 19:00Z.
  ids.first = (await createAppointment(deps, { doctorId: drA.id, patientId: pat1.id, start: '2026-12-02T03:30:00.000Z' })).id;
  ids.late = (await createAppointment(deps, { doctorId: drB.id, patientId: pat1.id, start: '2026-12-02T17:30:00.000Z', status: 'cancelled' })).id;
  ids.next = (await createAppointment(deps, { doctorId: drA.id, patientId: pat2.id, start: '2026-12-02T19:00:00.000Z', status: 'completed' })).id;
});

const list = async (query = '') => {
  const res = await ctx.admin.c.get(`/api/admin/appointments${query}`);
  expect(res.status, query).toBe(200);
  return res.body as { items: { id: string; doctorName: string; patientName: string; departmentName: string; status: string }[]; total: number };
};
const idsOf = async (query = '') => (await list(query)).items.map((a) => a.id);

describe('GET /api/admin/appointments', () => {
  test('an admin sees every appointment, newest first, with both names and the department', async () => {
    const body = await list();
    expect(body.items.map((a) => a.id)).toEqual([ids.next, ids.late, ids.first]);
    expect(body.total).toBe(3);
    expect(body.items[2]).toMatchObject({ doctorId: ids.drA, doctorName: 'Dr Amal Shah', patientId: ids.pat1, patientName: 'Mira Patel', status: 'booked', start: '2026-12-02T03:30:00.000Z' });
    expect(typeof body.items[2]!.departmentName).toBe('string');
  });

  test('doctors, patients and signed-out callers are refused', async () => {
    expect(await expectRefused(ctx.others, 'GET', '/api/admin/appointments')).toEqual(REFUSED);
  });

  test('filters: status, doctor, patient, and dates in the hospital’s zone', async () => {
    expect(await idsOf('?status=cancelled')).toEqual([ids.late]);
    expect(await idsOf(`?doctorId=${ids.drA}`)).toEqual([ids.next, ids.first]);
    expect(await idsOf(`?patientId=${ids.pat1}`)).toEqual([ids.late, ids.first]);
    // 2 December in Kolkata holds 09:00 and 23:00 IST; 00:30 on the 3rd is the next day there.
    expect(await idsOf('?from=2026-12-02&to=2026-12-02')).toEqual([ids.late, ids.first]);
    expect(await idsOf('?from=2026-12-03')).toEqual([ids.next]);
    expect(await idsOf('?doctorId=nobody')).toEqual([]);
  });

  test('pages: pageSize and page, with the total of every match', async () => {
    const second = await list('?pageSize=1&page=2');
    expect(second.items.map((a) => a.id)).toEqual([ids.late]);
    expect(second.total).toBe(3);
  });

  test('bad filters are 400 naming them', async () => {
    for (const [query, field] of [
      ['?status=lost', 'status'],
      ['?from=2026-02-30', 'from'],
      ['?from=2026-12-03&to=2026-12-02', 'to'],
      ['?pageSize=201', 'pageSize'],
    ] as const) {
      const res = await ctx.admin.c.get(`/api/admin/appointments${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields), query).toEqual([field]);
    }
  });

  test('each patient on the page gets an audited read naming the admin, once', async () => {
    await list(`?patientId=${ids.pat1}`);
    const rows = (await auditRowsOf(world().deps, ids.pat1!)).filter((r) => r.action === 'appointments_list');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.at(-1)).toMatchObject({ actor_id: ctx.admin.user.id, actor_role: 'admin', patient_id: ids.pat1, outcome: 'ok' });
  });
});
