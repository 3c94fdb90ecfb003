import { describe, expect, test } from 'vitest';
import { isUniqueViolation } from '../../shared/db/errors';
import { JOBS } from '../../shared/jobs/names';
import { exportOutboxRow, insertExport } from '../../tests/support/exports';
import { testClient } from '../../tests/support/http';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import createExport from './create-export';

const world = useTestWorld();

const exportsOf = (patientId: string) => world().deps.db.selectFrom('exports').selectAll().where('patient_id', '=', patientId).execute();

describe('POST /api/patient/exports', () => {
  test('queues an export: 202, the row queued, its job in the outbox (same transaction), an audit row', async () => {
    const { c, user } = await signedIn(world().deps, [createExport]);
    const res = await c.post('/api/patient/exports');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    const rows = await exportsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.id, status: 'queued', created_at: world().clock().toISOString(), finished_at: null, expires_at: null, total: null });
    const outbox = await exportOutboxRow(world().deps, res.body.id);
    expect(outbox).toMatchObject({ job: JOBS.exportHistory, relayed_at: null });
    expect(JSON.parse(outbox!.payload)).toEqual({ exportId: res.body.id });
    const audit = await auditRowsOf(world().deps, user.id);
    expect(audit.map((r) => [r.action, r.entity, r.entity_id, r.outcome])).toEqual([['export_create', 'export', res.body.id, 'ok']]);
  });

  test('while one is queued or running a second is 409 state naming it; done and failed ones do not stand in the way', async () => {
    const { c, user } = await signedIn(world().deps, [createExport]);
    await insertExport(world().deps, { patientId: user.id, status: 'done' });
    await insertExport(world().deps, { patientId: user.id, status: 'failed' });
    const running = await insertExport(world().deps, { patientId: user.id, status: 'running' });
    const res = await c.post('/api/patient/exports');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'state', exportId: running.id });
    expect(await exportsOf(user.id)).toHaveLength(3);
    await world().deps.db.updateTable('exports').set({ status: 'done' }).where('id', '=', running.id).execute();
    expect((await c.post('/api/patient/exports')).status).toBe(202);
  });

  test('requests at the same moment make one export; the others are 409 state (the unique index decides)', async () => {
    const { c, user } = await signedIn(world().deps, [createExport]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => c.post('/api/patient/exports')));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('state');
    expect(await exportsOf(user.id)).toHaveLength(1);
    const outbox = await world().deps.db.selectFrom('outbox').select('payload').where('job', '=', JOBS.exportHistory).execute();
    expect(outbox.filter((r) => JSON.parse(r.payload).exportId === answers.find((a) => a.status === 202)!.body.id)).toHaveLength(1);
  });

  test('the database itself refuses a second queued or running export of one patient (exports_one_running)', async () => {
    const { user } = await signedIn(world().deps, []);
    await insertExport(world().deps, { patientId: user.id, status: 'running' });
    const error = await insertExport(world().deps, { patientId: user.id, status: 'queued' }).then(() => null, (err: unknown) => err);
    expect(isUniqueViolation(error)).toBe(true);
  });

  test('the same Idempotency-Key answers the first answer again and queues nothing more', async () => {
    const { c, user } = await signedIn(world().deps, [createExport]);
    const first = await c.post('/api/patient/exports', { headers: { 'Idempotency-Key': 'export-1' } });
    const again = await c.post('/api/patient/exports', { headers: { 'Idempotency-Key': 'export-1' } });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await exportsOf(user.id)).toHaveLength(1);
  });

  test('a bad Idempotency-Key or a body with a field is 400 naming it, and nothing is written', async () => {
    const { c, user } = await signedIn(world().deps, [createExport]);
    const badKey = await c.post('/api/patient/exports', { headers: { 'Idempotency-Key': 'x'.repeat(101) } });
    expect(badKey.status).toBe(400);
    expect(Object.keys(badKey.body.error.fields)).toEqual(['Idempotency-Key']);
    const field = await c.post('/api/patient/exports', { json: { format: 'csv' } });
    expect(field.status).toBe(400);
    expect(Object.keys(field.body.error.fields)).toEqual(['format']);
    expect(await exportsOf(user.id)).toEqual([]);
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    expect((await testClient(world().deps, [createExport]).post('/api/patient/exports')).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [createExport], role);
      expect((await c.post('/api/patient/exports')).status, role).toBe(403);
    }
  });
});
