import { describe, expect, test } from 'vitest';
import { writeAudit } from '../../shared/db/audit';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listAudit from './list-audit';

// A zone half an hour off the hour: calendar dates there do not start at midnight UTC.
const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Asia/Kolkata' });

describe('GET /api/admin/audit', () => {
  test('newest first, every field with the actor by name and role, sealed with its place in the chain; the listing is audited', async () => {
    const deps = world().deps;
    const { c, user: admin } = await signedIn(deps, [listAudit], 'admin', { name: 'Grace Admin' });
    const doctor = await createDoctor(deps, { name: 'Dr Tomas Reyes' });
    const patient = await createUser(deps, { role: 'patient' });
    await writeAudit(deps.db, {
      at: new Date('2026-12-01T08:30:00.000Z'),
      actorId: doctor.id,
      actorRole: 'doctor',
      patientId: patient.id,
      action: 'history_read',
      entity: 'treatment',
      entityId: 't-1',
      ip: '198.51.100.7',
      userAgent: 'Firefox',
      detail: { count: 2 },
    });
    await writeAudit(deps.db, { at: new Date('2026-12-01T08:40:00.000Z'), actorId: null, action: 'login_failed', entity: 'user', entityId: patient.id, outcome: 'unauthenticated' });

    const res = await c.get(`/api/admin/audit?patientId=${patient.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 1,
      items: [
        {
          id: expect.any(String),
          seq: expect.any(Number),
          at: '2026-12-01T08:30:00.000Z',
          actorId: doctor.id,
          actorName: 'Dr Tomas Reyes',
          actorRole: 'doctor',
          action: 'history_read',
          entity: 'treatment',
          entityId: 't-1',
          patientId: patient.id,
          ip: '198.51.100.7',
          userAgent: 'Firefox',
          outcome: 'ok',
        },
      ],
    });
    // No clinical detail leaves: `detail` is not part of the answer.
    expect(JSON.stringify(res.body)).not.toContain('count');

    const all = await c.get('/api/admin/audit?pageSize=200');
    const ats = all.body.items.map((i: { at: string }) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(all.body.items[0]).toMatchObject({ action: 'login_failed', actorId: null, actorName: null, actorRole: null, outcome: 'unauthenticated' });
    expect(all.body.items.every((i: { seq: number | null }) => typeof i.seq === 'number')).toBe(true);
    expect(all.body.items.some((i: { action: string; actorId: string }) => i.action === 'login' && i.actorId === admin.id)).toBe(true);

    const mine = await c.get(`/api/admin/audit?actorId=${admin.id}&action=audit_list`);
    expect(mine.body.items[0]).toMatchObject({ actorId: admin.id, actorName: 'Grace Admin', actorRole: 'admin', action: 'audit_list', entity: 'audit_log', patientId: null });
    expect(mine.body.total).toBe(2);
  });

  test('each filter narrows, they combine, and from/to are calendar dates in the hospital zone, both included', async () => {
    const deps = world().deps;
    const { c } = await signedIn(deps, [listAudit], 'admin');
    const actor = await createUser(deps, { role: 'doctor' });
    const row = (at: string, action: string, outcome = 'ok') => writeAudit(deps.db, { at: new Date(at), actorId: actor.id, actorRole: 'doctor', action, entity: 'test', outcome });
    await row('2026-11-29T18:29:00.000Z', 'filter_a'); // 29 Nov 23:59 in Kolkata
    await row('2026-11-29T18:30:00.000Z', 'filter_a'); // 30 Nov 00:00
    await row('2026-11-30T18:29:00.000Z', 'filter_b', 'not_found'); // 30 Nov 23:59
    await row('2026-11-30T18:30:00.000Z', 'filter_b'); // 1 Dec 00:00

    const list = async (query: string) => {
      const res = await c.get(`/api/admin/audit?actorId=${actor.id}&${query}`);
      expect(res.status).toBe(200);
      return { total: res.body.total, at: res.body.items.map((i: { at: string }) => i.at) };
    };
    expect(await list('from=2026-11-30&to=2026-11-30')).toEqual({ total: 2, at: ['2026-11-30T18:29:00.000Z', '2026-11-29T18:30:00.000Z'] });
    expect((await list('from=2026-12-01')).at).toEqual(['2026-11-30T18:30:00.000Z']);
    expect((await list('to=2026-11-29')).at).toEqual(['2026-11-29T18:29:00.000Z']);
    expect((await list('action=filter_b')).total).toBe(2);
    expect((await list('action=filter_b&outcome=not_found')).at).toEqual(['2026-11-30T18:29:00.000Z']);
    expect((await list('outcome=ok')).total).toBe(3);
    expect(await list('pageSize=1&page=2')).toEqual({ total: 4, at: ['2026-11-30T18:29:00.000Z'] });
    expect((await list('action=nothing_like_it')).total).toBe(0);
  });

  test('bad filters are 400 naming each field', async () => {
    const { c } = await signedIn(world().deps, [listAudit], 'admin');
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-12-02&to=2026-12-01', 'to'],
      ['pageSize=500', 'pageSize'],
      ['page=0', 'page'],
      ['action=DROP%20TABLE', 'action'],
      ['outcome=', 'outcome'],
      ['actorId=', 'actorId'],
    ] as const) {
      const res = await c.get(`/api/admin/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.fields), query).toContain(field);
    }
  });

  test('signed out is 401; doctors and patients are 403', async () => {
    const deps = world().deps;
    expect((await testClient(deps, [listAudit]).get('/api/admin/audit')).status).toBe(401);
    for (const role of ['doctor', 'patient'] as const) {
      const { c } = await signedIn(deps, [listAudit], role);
      const res = await c.get('/api/admin/audit');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
