import { describe, expect, test } from 'vitest';
import { writeAudit } from '../../shared/db/audit';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import getProfile from './get-profile';
import listAccessLog from './list-access-log';

const world = useTestWorld();
const MINUTE = 60_000;

describe('GET /api/patient/access-log', () => {
  test("who read or changed the record, most recent first: a doctor's read, the system, and the patient themself", async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [getProfile, listAccessLog], 'patient', { name: 'Ada Okafor' });
    const doctor = await createDoctor(deps, { name: 'Dr Mina Patel' });
    const other = await signedIn(deps, [getProfile]);

    await c.get('/api/patient/profile'); // 08:00, by the patient
    world().clock.advance(MINUTE);
    await writeAudit(deps.db, { at: world().clock(), actorId: doctor.id, actorRole: 'doctor', patientId: user.id, action: 'history_read', entity: 'treatment' });
    world().clock.advance(MINUTE);
    await writeAudit(deps.db, { at: world().clock(), actorId: null, patientId: user.id, action: 'reminder_sent', entity: 'appointment' });
    world().clock.advance(MINUTE);
    await writeAudit(deps.db, { at: world().clock(), actorId: doctor.id, actorRole: 'doctor', patientId: user.id, action: 'appointment_read', entity: 'appointment', outcome: 'not_found' });
    await other.c.get('/api/patient/profile'); // someone else's record: never here
    world().clock.advance(MINUTE);

    const res = await c.get('/api/patient/access-log');
    expect(res.status).toBe(200);
    const t = (minutes: number) => new Date(Date.parse('2026-12-01T08:00:00.000Z') + minutes * MINUTE).toISOString();
    expect(res.body).toEqual({
      total: 4,
      items: [
        { at: t(3), actorName: 'Dr Mina Patel', actorRole: 'doctor', action: 'appointment_read', outcome: 'not_found' },
        { at: t(2), actorName: null, actorRole: null, action: 'reminder_sent', outcome: 'ok' },
        { at: t(1), actorName: 'Dr Mina Patel', actorRole: 'doctor', action: 'history_read', outcome: 'ok' },
        { at: t(0), actorName: 'Ada Okafor', actorRole: 'patient', action: 'profile_read', outcome: 'ok' },
      ],
    });

    // Reading the log is itself in the log, from the next read on.
    const again = await c.get('/api/patient/access-log?pageSize=1');
    expect(again.body).toEqual({ total: 5, items: [{ at: t(4), actorName: 'Ada Okafor', actorRole: 'patient', action: 'access_log_read', outcome: 'ok' }] });
  });

  test('pages cut the same order; the total counts every page', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [listAccessLog]);
    const start = world().clock().getTime();
    for (let i = 0; i < 5; i++) {
      await writeAudit(deps.db, { at: new Date(start - (i + 1) * MINUTE), actorId: user.id, actorRole: 'patient', patientId: user.id, action: `action_${i}`, entity: 'patient' });
    }
    const one = await c.get('/api/patient/access-log?pageSize=2');
    const two = await c.get('/api/patient/access-log?pageSize=2&page=2');
    expect(one.body.items.map((i: { action: string }) => i.action)).toEqual(['action_0', 'action_1']);
    expect(one.body.total).toBe(5);
    // The first page's read is now the newest row of all, so page 2 (of six rows) starts one later.
    expect(two.body.items.map((i: { action: string }) => i.action)).toEqual(['action_1', 'action_2']);
    expect(two.body.total).toBe(6);
  });

  test('a bad page or pageSize is 400 naming it, and no audit row is written', async () => {
    const { c, user } = await signedIn(world().deps, [listAccessLog]);
    for (const [q, field] of [['page=-2', 'page'], ['pageSize=0', 'pageSize']] as const) {
      const res = await c.get(`/api/patient/access-log?${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    expect((await testClient(world().deps, [listAccessLog]).get('/api/patient/access-log')).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [listAccessLog], role);
      expect((await c.get('/api/patient/access-log')).status, role).toBe(403);
    }
  });

  test('the read writes an audit row', async () => {
    const { c, user } = await signedIn(world().deps, [listAccessLog]);
    await c.get('/api/patient/access-log');
    const rows = await auditRowsOf(world().deps, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: user.id, actor_role: 'patient', patient_id: user.id, action: 'access_log_read', entity: 'audit_log', outcome: 'ok' });
  });
});
