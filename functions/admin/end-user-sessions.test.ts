import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import me from '../auth/me';
import endUserSessions from './end-user-sessions';

const world = useTestWorld();
const FUNCTIONS = [endUserSessions, me];

describe('POST /api/admin/users/:id/sessions/end', () => {
  test("every session of the user ends at once, the account stays active, and the admin's act is audited", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const first = await signedIn(deps, FUNCTIONS, 'patient');
    const second = await signedIn(deps, FUNCTIONS, 'doctor');
    expect((await first.c.get('/api/auth/me')).status).toBe(200);

    const res = await admin.c.post(`/api/admin/users/${first.user.id}/sessions/end`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await first.c.get('/api/auth/me')).status).toBe(401);
    // Someone else's session is untouched, and so is the admin's.
    expect((await second.c.get('/api/auth/me')).status).toBe(200);
    expect((await admin.c.get('/api/auth/me')).status).toBe(200);
    const user = await deps.db.selectFrom('users').select('status').where('id', '=', first.user.id).executeTakeFirstOrThrow();
    expect(user.status).toBe('active');
    const [row] = (await auditRows(deps, 'sessions_end')).filter((r) => r.entity_id === first.user.id);
    expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', patient_id: first.user.id, outcome: 'ok', entity: 'user', ip: expect.any(String) });
  });

  test("a doctor's sessions end too; the audit row names no patient", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await signedIn(deps, FUNCTIONS, 'doctor');
    expect((await admin.c.post(`/api/admin/users/${doctor.user.id}/sessions/end`)).status).toBe(204);
    expect((await doctor.c.get('/api/auth/me')).status).toBe(401);
    const [row] = (await auditRows(deps, 'sessions_end')).filter((r) => r.entity_id === doctor.user.id);
    expect(row!.patient_id).toBeNull();
  });

  test('an unknown user answers 404, audited as not_found', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const res = await admin.c.post('/api/admin/users/nobody-here/sessions/end');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'That user was not found.' } });
    const rows = (await auditRows(deps, 'sessions_end')).filter((r) => r.entity_id === 'nobody-here');
    expect(rows).toMatchObject([{ outcome: 'not_found' }]);
  });

  test('doctors and patients get 403 and signed-out callers 401; the sessions stay', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, FUNCTIONS);
    const target = await signedIn(deps, FUNCTIONS, 'patient');
    expect(await expectRefused(others, 'POST', `/api/admin/users/${target.user.id}/sessions/end`)).toEqual(REFUSED);
    expect((await target.c.get('/api/auth/me')).status).toBe(200);
  });
});
