import { describe, expect, test } from 'vitest';
import { JOBS } from '../../shared/jobs/names';
import { mailbox, signedIn as signedInAs, turnOnMfa } from '../../tests/support/accounts';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { outboxRows } from '../../tests/support/outbox';
import { useTestWorld } from '../../tests/support/test-deps';
import { createDoctor } from '../../tests/support/doctors';
import { createUser } from '../../tests/support/users';
import enableMfa from '../auth/enable-mfa';
import me from '../auth/me';
import setupMfa from '../auth/setup-mfa';
import getDoctor from './get-doctor';
import getPatient from './get-patient';
import removeUserMfa from './remove-user-mfa';

const world = useTestWorld();
const FUNCTIONS = [removeUserMfa, getPatient, getDoctor, me];
const START = '2026-12-01T08:00:00.000Z';

/** A user of this role with MFA on, and a session of theirs. */
async function userWithMfa(role: 'patient' | 'doctor' = 'patient') {
  world().clock.set(START);
  const user = role === 'doctor' ? await createDoctor(world().deps) : await createUser(world().deps);
  const c = await signedInAs(world().deps, [setupMfa, enableMfa, me], user);
  await turnOnMfa(c, world().deps);
  return { user, c };
}
const factorRows = async (userId: string) => [
  ...(await world().deps.db.selectFrom('mfa_factors').select('user_id').where('user_id', '=', userId).execute()),
  ...(await world().deps.db.selectFrom('mfa_recovery_codes').select('user_id').where('user_id', '=', userId).execute()),
];

describe('DELETE /api/admin/users/:id/mfa', () => {
  test("removes a patient's factor and recovery codes, ends every session of theirs, emails them, and audits it", async () => {
    const deps = world().deps;
    const { user, c } = await userWithMfa();
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    expect(await factorRows(user.id)).toHaveLength(11);
    expect((await admin.c.get(`/api/admin/patients/${user.id}`)).body.mfaEnabled).toBe(true);

    const res = await admin.c.call('DELETE', `/api/admin/users/${user.id}/mfa`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await factorRows(user.id)).toEqual([]);
    expect((await admin.c.get(`/api/admin/patients/${user.id}`)).body.mfaEnabled).toBe(false);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    // A password alone signs in again, and MFA reads as off.
    const again = await signedInAs(deps, [me], user);
    expect((await again.get('/api/auth/me')).body.mfaEnabled).toBe(false);
    expect((await outboxRows(deps)).filter((r) => r.payload.userId === user.id && r.payload.event === 'mfa_removed_by_admin').map((r) => r.job)).toEqual([JOBS.accountNotice]);
    const box = mailbox(deps);
    await box.deliver();
    expect(box.to(user.email).map((m) => m.subject)).toContainEqual(expect.stringMatching(/^Two-step sign-in was removed by the hospital/));
    const [row] = (await auditRows(deps, 'mfa_remove')).filter((r) => r.entity_id === user.id);
    expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', patient_id: user.id, outcome: 'ok', entity: 'user' });
  });

  test("a doctor's factor goes the same way; the audit row names no patient", async () => {
    const deps = world().deps;
    const { user } = await userWithMfa('doctor');
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    expect((await admin.c.get(`/api/admin/doctors/${user.id}`)).body.mfaEnabled).toBe(true);
    expect((await admin.c.call('DELETE', `/api/admin/users/${user.id}/mfa`)).status).toBe(204);
    expect(await factorRows(user.id)).toEqual([]);
    expect((await admin.c.get(`/api/admin/doctors/${user.id}`)).body.mfaEnabled).toBe(false);
    const [row] = (await auditRows(deps, 'mfa_remove')).filter((r) => r.entity_id === user.id);
    expect(row!.patient_id).toBeNull();
  });

  test("an admin's factor is not removed here, the admin's own included: 409 state, the factor stays", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [...FUNCTIONS, setupMfa, enableMfa]);
    await turnOnMfa(admin.c, deps);
    const res = await admin.c.call('DELETE', `/api/admin/users/${admin.user.id}/mfa`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('state');
    expect(await factorRows(admin.user.id)).toHaveLength(11);
    expect((await admin.c.get('/api/auth/me')).status).toBe(200);
  });

  test('an unknown user is 404; a user without MFA is 409 mfa_not_enabled, and their sessions stay', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const plain = await createUser(deps);
    const session = await signedInAs(deps, [me], plain);
    const unknown = await admin.c.call('DELETE', '/api/admin/users/nobody-here/mfa');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: 'That user was not found.' } });
    const none = await admin.c.call('DELETE', `/api/admin/users/${plain.id}/mfa`);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('mfa_not_enabled');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    const rows = (await auditRows(deps, 'mfa_remove')).filter((r) => r.entity_id === plain.id || r.entity_id === 'nobody-here');
    expect(rows.map((r) => r.outcome).sort()).toEqual(['mfa_not_enabled', 'not_found']);
  });

  test('doctors and patients get 403 and signed-out callers 401; the factor stays', async () => {
    const deps = world().deps;
    const { user } = await userWithMfa();
    const { others } = await adminAndOthers(deps, FUNCTIONS);
    expect(await expectRefused(others, 'DELETE', `/api/admin/users/${user.id}/mfa`)).toEqual(REFUSED);
    expect(await factorRows(user.id)).toHaveLength(11);
  });
});
