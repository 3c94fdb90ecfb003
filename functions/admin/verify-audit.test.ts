import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { writeAudit } from '../../shared/db/audit';
import { isPostgres } from '../../shared/db/dialect';
import { testClient } from '../../tests/support/http';
import { signedIn } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import verifyAudit from './verify-audit';

const world = useTestWorld();

describe('GET /api/admin/audit/verify', () => {
  test('an honest trail verifies: every row so far (the sign-ins among them) is sealed and checked, and the check is itself audited', async () => {
    const deps = world().deps;
    const { c, user } = await signedIn(deps, [verifyAudit], 'admin');
    const res = await c.get('/api/admin/audit/verify');
    expect(res.status).toBe(200);
    const rows = await deps.db.selectFrom('audit_log').select(['seq', 'action']).execute();
    expect(res.body).toEqual({ ok: true, checked: rows.length - 1 });
    expect(rows.filter((r) => r.action === 'login').length).toBeGreaterThan(0);
    const check = await deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit_verify').executeTakeFirstOrThrow();
    expect(check).toMatchObject({ actor_id: user.id, actor_role: 'admin', entity: 'audit_log', outcome: 'ok', seq: null });
    // The next check covers the first check's own row.
    expect((await c.get('/api/admin/audit/verify')).body).toEqual({ ok: true, checked: rows.length });
  });

  test('a row edited by hand in the database is named: its id and seq (on PostgreSQL only with the trigger off)', async () => {
    const deps = world().deps;
    const { c } = await signedIn(deps, [verifyAudit], 'admin');
    await writeAudit(deps.db, { at: world().clock(), actorId: null, action: 'login_failed', entity: 'user', entityId: 'edited-by-hand' });
    expect((await c.get('/api/admin/audit/verify')).body.ok).toBe(true);
    const victim = await deps.db.selectFrom('audit_log').select(['id', 'seq']).where('entity_id', '=', 'edited-by-hand').executeTakeFirstOrThrow();
    const edit = () => deps.db.updateTable('audit_log').set({ outcome: 'ok', action: 'login' }).where('id', '=', victim.id).execute();
    if (isPostgres(deps.db)) {
      await expect(edit()).rejects.toThrow(/append-only/);
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(deps.db);
      await edit();
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(deps.db);
    } else {
      await edit();
    }
    const res = await c.get('/api/admin/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, checked: Number(victim.seq) - 1, firstBrokenId: victim.id, firstBrokenSeq: Number(victim.seq) });
    const check = await deps.db.selectFrom('audit_log').select('outcome').where('action', '=', 'audit_verify').orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(check.outcome).toBe('broken');
  });

  test('signed out is 401; doctors and patients are 403, and nothing is sealed for them', async () => {
    const deps = world().deps;
    expect((await testClient(deps, [verifyAudit]).get('/api/admin/audit/verify')).status).toBe(401);
    for (const role of ['doctor', 'patient'] as const) {
      const { c } = await signedIn(deps, [verifyAudit], role);
      const res = await c.get('/api/admin/audit/verify');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await deps.db.selectFrom('audit_log').select('id').where('seq', 'is', null).where('action', '=', 'login').execute()).not.toEqual([]);
  });
});
