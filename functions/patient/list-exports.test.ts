import { describe, expect, test } from 'vitest';
import { insertExport } from '../../tests/support/exports';
import { testClient } from '../../tests/support/http';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import listExports from './list-exports';

const world = useTestWorld();

describe('GET /api/patient/exports', () => {
  test("the patient's own exports, newest first, with status and progress; someone else's are not there", async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [listExports]);
    const other = await signedIn(deps, []);
    const old = await insertExport(deps, { patientId: user.id, status: 'done', createdAt: '2026-11-01T10:00:00.000Z' });
    const failed = await insertExport(deps, { patientId: user.id, status: 'failed', createdAt: '2026-11-10T10:00:00.000Z' });
    const running = await insertExport(deps, { patientId: user.id, status: 'running', createdAt: '2026-11-30T10:00:00.000Z' });
    await deps.db.updateTable('exports').set({ progress: 40, total: 120 }).where('id', '=', running.id).execute();
    await insertExport(deps, { patientId: other.user.id, status: 'done' });
    const res = await c.get('/api/patient/exports');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 3,
      items: [
        { id: running.id, status: 'running', createdAt: '2026-11-30T10:00:00.000Z', finishedAt: null, expiresAt: null, progress: 40, total: 120 },
        { id: failed.id, status: 'failed', createdAt: '2026-11-10T10:00:00.000Z', finishedAt: null, expiresAt: null, progress: 0, total: null },
        { id: old.id, status: 'done', createdAt: '2026-11-01T10:00:00.000Z', finishedAt: '2026-11-01T10:00:00.000Z', expiresAt: '2026-11-04T10:00:00.000Z', progress: 0, total: null },
      ],
    });
    const two = await c.get('/api/patient/exports?page=2&pageSize=2');
    expect(two.body).toEqual({ total: 3, items: [expect.objectContaining({ id: old.id })] });
  });

  test('the read writes an audit row', async () => {
    const { c, user } = await signedIn(world().deps, [listExports]);
    expect((await c.get('/api/patient/exports')).body).toEqual({ items: [], total: 0 });
    const rows = await auditRowsOf(world().deps, user.id);
    expect(rows.map((r) => [r.action, r.entity, r.outcome, r.actor_id])).toEqual([['export_list', 'export', 'ok', user.id]]);
  });

  test('a bad page or pageSize is 400 naming it, and no audit row is written', async () => {
    const { c, user } = await signedIn(world().deps, [listExports]);
    for (const [q, field] of [['page=0', 'page'], ['pageSize=201', 'pageSize']] as const) {
      const res = await c.get(`/api/patient/exports?${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect(await auditRowsOf(world().deps, user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    expect((await testClient(world().deps, [listExports]).get('/api/patient/exports')).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [listExports], role);
      expect((await c.get('/api/patient/exports')).status, role).toBe(403);
    }
  });
});
