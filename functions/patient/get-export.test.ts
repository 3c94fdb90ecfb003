import { describe, expect, test } from 'vitest';
import { insertExport } from '../../tests/support/exports';
import { testClient } from '../../tests/support/http';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import getExport from './get-export';

const world = useTestWorld();
const MISSING = '0190a1b2-0000-7000-8000-000000000000';

describe('GET /api/patient/exports/:id', () => {
  test('one of my exports, with its progress, and the read audited', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [getExport]);
    const row = await insertExport(deps, { patientId: user.id, status: 'running', createdAt: '2026-11-30T10:00:00.000Z' });
    await deps.db.updateTable('exports').set({ progress: 7, total: 9 }).where('id', '=', row.id).execute();
    const res = await c.get(`/api/patient/exports/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: row.id, status: 'running', createdAt: '2026-11-30T10:00:00.000Z', finishedAt: null, expiresAt: null, progress: 7, total: 9 });
    const audit = await auditRowsOf(deps, user.id);
    expect(audit.map((r) => [r.action, r.entity_id, r.outcome])).toEqual([['export_read', row.id, 'ok']]);
  });

  test("another patient's export is 404 exactly like a missing id, and the try is audited", async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [getExport]);
    const other = await signedIn(deps, []);
    const theirs = await insertExport(deps, { patientId: other.user.id });
    const a = await c.get(`/api/patient/exports/${theirs.id}`);
    const b = await c.get(`/api/patient/exports/${MISSING}`);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.body).toEqual(b.body);
    expect(a.body.error.code).toBe('not_found');
    const audit = await auditRowsOf(deps, user.id);
    expect(audit.map((r) => [r.action, r.entity_id, r.outcome])).toEqual([
      ['export_read', theirs.id, 'not_found'],
      ['export_read', MISSING, 'not_found'],
    ]);
    expect(await auditRowsOf(deps, other.user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    expect((await testClient(world().deps, [getExport]).get(`/api/patient/exports/${MISSING}`)).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [getExport], role);
      expect((await c.get(`/api/patient/exports/${MISSING}`)).status, role).toBe(403);
    }
  });
});
