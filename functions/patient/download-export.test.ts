import { describe, expect, test } from 'vitest';
import { insertExport } from '../../tests/support/exports';
import { testClient } from '../../tests/support/http';
import { auditRowsOf, signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import downloadExport from './download-export';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Pacific/Auckland' });
const MISSING = '0190a1b2-0000-7000-8000-000000000000';
const FILES = { csv: 'Patient id,Diagnosis\r\np-1,"Flu, bad"\r\n', fhir: '{"resourceType":"Bundle","type":"collection","entry":[]}' };

describe('GET /api/patient/exports/:id/download', () => {
  test('a done export as CSV or FHIR: the file as an attachment, never cached, each download audited', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [downloadExport]);
    // 20:00 UTC on 30 November is 1 December in Auckland: the file is named by the hospital's date.
    const row = await insertExport(deps, { patientId: user.id, createdAt: '2026-11-30T20:00:00.000Z', expiresAt: '2026-12-02T00:00:00.000Z', files: FILES });
    const csv = await c.get(`/api/patient/exports/${row.id}/download?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(FILES.csv);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="wardline-export-2026-12-01.csv"');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const fhir = await c.get(`/api/patient/exports/${row.id}/download?format=fhir`);
    expect(fhir.status).toBe(200);
    expect(fhir.text).toBe(FILES.fhir);
    expect(fhir.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(fhir.headers.get('content-disposition')).toBe('attachment; filename="wardline-export-2026-12-01.fhir.json"');
    expect(fhir.headers.get('cache-control')).toBe('no-store');
    const audit = await auditRowsOf(deps, user.id);
    expect(audit.map((r) => [r.action, r.entity_id, r.outcome, r.detail])).toEqual([
      ['export_download', row.id, 'ok', '{"format":"csv"}'],
      ['export_download', row.id, 'ok', '{"format":"fhir"}'],
    ]);
  });

  test('not done yet (queued, running, failed) is 409 state', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [downloadExport]);
    const row = await insertExport(deps, { patientId: user.id, status: 'queued' });
    for (const status of ['queued', 'running', 'failed'] as const) {
      await deps.db.updateTable('exports').set({ status }).where('id', '=', row.id).execute();
      const res = await c.get(`/api/patient/exports/${row.id}/download?format=csv`);
      expect(res.status, status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'state', status });
    }
  });

  test('past its expiry the download is 410 gone', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [downloadExport]);
    const now = world().clock();
    const row = await insertExport(deps, { patientId: user.id, expiresAt: now.toISOString(), files: FILES });
    const res = await c.get(`/api/patient/exports/${row.id}/download?format=csv`);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('gone');
    expect(res.text).not.toContain('Flu');
    const audit = await auditRowsOf(deps, user.id);
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([['export_download', 'gone']]);
  });

  test("another patient's export is 404 exactly like a missing id", async () => {
    const deps = world().deps;
    const { c } = await signedIn(deps, [downloadExport]);
    const other = await signedIn(deps, []);
    const theirs = await insertExport(deps, { patientId: other.user.id, files: FILES });
    const a = await c.get(`/api/patient/exports/${theirs.id}/download?format=csv`);
    const b = await c.get(`/api/patient/exports/${MISSING}/download?format=csv`);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.body).toEqual(b.body);
    expect(a.text).not.toContain('Flu');
  });

  test('format missing or not csv/fhir is 400 naming it, and nothing is audited', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [downloadExport]);
    const row = await insertExport(deps, { patientId: user.id, files: FILES });
    for (const q of ['', '?format=', '?format=xml', '?format=CSV']) {
      const res = await c.get(`/api/patient/exports/${row.id}/download${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(res.body.error.fields), q).toEqual(['format']);
      expect(res.text).not.toContain('xml');
    }
    expect(await auditRowsOf(deps, user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    const path = `/api/patient/exports/${MISSING}/download?format=csv`;
    expect((await testClient(world().deps, [downloadExport]).get(path)).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(world().deps, [downloadExport], role);
      expect((await c.get(path)).status, role).toBe(403);
    }
  });
});
