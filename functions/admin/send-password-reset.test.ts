import { describe, expect, test } from 'vitest';
import { mailbox, resetTokenIn, signedIn as signedInAs } from '../../tests/support/accounts';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { testClient } from '../../tests/support/http';
import { outboxRows } from '../../tests/support/outbox';
import { useTestWorld } from '../../tests/support/test-deps';
import { createDoctor } from '../../tests/support/doctors';
import { createUser } from '../../tests/support/users';
import confirmPasswordReset from '../auth/confirm-password-reset';
import me from '../auth/me';
import sendPasswordReset from './send-password-reset';

const world = useTestWorld();
const FUNCTIONS = [sendPasswordReset, me];
const NEW = 'a harbour light at dusk 7';
const hashOf = async (id: string) => (await world().deps.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;

describe('POST /api/admin/users/:id/password-reset', () => {
  test('emails the user a single-use link worded as sent by the hospital; nothing changes until they use it', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const user = await createUser(deps);
    const session = await signedInAs(deps, [me], user);
    const before = await hashOf(user.id);

    const res = await admin.c.post(`/api/admin/users/${user.id}/password-reset`);
    expect(res.status).toBe(202);
    expect(res.body.message).toContain(user.email);
    // The admin is told nothing secret: no token, no password, in the answer.
    expect(JSON.stringify(res.body)).not.toMatch(/token|password_hash/);
    expect(await hashOf(user.id)).toBe(before);
    expect((await session.get('/api/auth/me')).status).toBe(200);

    const box = mailbox(deps);
    await box.deliver();
    const mail = box.to(user.email).find((m) => m.subject.startsWith('Reset your password'));
    expect(mail!.text).toContain('an administrator of the hospital sent you this link');
    // The user, not the admin, chooses the password, through the link.
    const confirm = testClient(deps, [confirmPasswordReset], { clientAddress: '10.66.0.1' });
    expect((await confirm.post('/api/auth/password-reset/confirm', { json: { token: resetTokenIn(mail!), password: NEW } })).status).toBe(204);
    await signedInAs(deps, [], { email: user.email, password: NEW });
    expect((await session.get('/api/auth/me')).status).toBe(401);

    const [row] = (await auditRows(deps, 'password_reset_request')).filter((r) => r.entity_id === user.id);
    expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', patient_id: user.id, outcome: 'ok', entity: 'user' });
    expect(JSON.parse(row!.detail!)).toEqual({ by: 'admin' });
  });

  test("a doctor's link goes to the doctor; the audit row names no patient", async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const doctor = await createUser(deps, { role: 'doctor' });
    expect((await admin.c.post(`/api/admin/users/${doctor.id}/password-reset`)).status).toBe(202);
    const box = mailbox(deps);
    await box.deliver();
    expect(box.to(doctor.email)).toHaveLength(1);
    const [row] = (await auditRows(deps, 'password_reset_request')).filter((r) => r.entity_id === doctor.id);
    expect(row!.patient_id).toBeNull();
  });

  test('an unknown user is 404 and a blacklisted one 409 state; no email is queued for either', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const blacklisted = await createUser(deps, { status: 'blacklisted' });
    const unknown = await admin.c.post('/api/admin/users/nobody-here/password-reset');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: 'That user was not found.' } });
    const refused = await admin.c.post(`/api/admin/users/${blacklisted.id}/password-reset`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('state');
    expect((await outboxRows(deps)).filter((r) => r.payload.userId === blacklisted.id)).toEqual([]);
    const rows = (await auditRows(deps, 'password_reset_request')).filter((r) => r.entity_id === blacklisted.id || r.entity_id === 'nobody-here');
    expect(rows.map((r) => r.outcome).sort()).toEqual(['not_found', 'state']);
  });

  test('a removed doctor is 409 state (they can no longer sign in), and no email is queued', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const removed = await createDoctor(deps, { deleted: true });
    const res = await admin.c.post(`/api/admin/users/${removed.id}/password-reset`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'state', message: expect.stringMatching(/removed/) });
    expect((await outboxRows(deps)).filter((r) => r.payload.userId === removed.id)).toEqual([]);
  });

  test('past five links an hour for one address the answer is 429, and no sixth email is queued', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, FUNCTIONS);
    const user = await createUser(deps);
    for (let i = 0; i < 5; i++) expect((await admin.c.post(`/api/admin/users/${user.id}/password-reset`)).status).toBe(202);
    const sixth = await admin.c.post(`/api/admin/users/${user.id}/password-reset`);
    expect(sixth.status).toBe(429);
    expect((await outboxRows(deps)).filter((r) => r.payload.userId === user.id && r.payload.by === 'admin')).toHaveLength(5);
  });

  test('doctors and patients get 403 and signed-out callers 401; no email is queued', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, FUNCTIONS);
    const target = await createUser(deps);
    expect(await expectRefused(others, 'POST', `/api/admin/users/${target.id}/password-reset`)).toEqual(REFUSED);
    expect((await outboxRows(deps)).filter((r) => r.payload.userId === target.id)).toEqual([]);
  });
});
