import { describe, expect, test } from 'vitest';
import { adminAndOthers, auditRows, expectRefused, REFUSED } from '../../tests/support/admin';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { useTestWorld } from '../../tests/support/test-deps';
import deleteDepartment from './delete-department';

const world = useTestWorld();
const exists = async (id: string) => (await world().deps.db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe('DELETE /api/admin/departments/:id', () => {
  test('an admin deletes a department without doctors: 204, audited', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [deleteDepartment]);
    const dep = await createDepartment(deps);
    const res = await admin.c.call('DELETE', `/api/admin/departments/${dep.id}`);
    expect(res.status).toBe(204);
    expect(await exists(dep.id)).toBe(false);
    const [audit] = (await auditRows(deps, 'department_delete')).filter((r) => r.entity_id === dep.id);
    expect(audit).toMatchObject({ actor_id: admin.user.id, actor_role: 'admin', outcome: 'ok' });
    expect((await admin.c.call('DELETE', `/api/admin/departments/${dep.id}`)).status).toBe(404);
  });

  test('a department with doctors is 409 state, removed and blacklisted doctors included', async () => {
    const deps = world().deps;
    const { admin } = await adminAndOthers(deps, [deleteDepartment]);
    for (const fields of [{}, { deleted: true }, { status: 'blacklisted' as const }]) {
      const dep = await createDepartment(deps);
      await createDoctor(deps, { departmentId: dep.id, ...fields });
      const res = await admin.c.call('DELETE', `/api/admin/departments/${dep.id}`);
      expect(res.status, JSON.stringify(fields)).toBe(409);
      expect(res.body.error).toEqual({ code: 'state', message: expect.stringMatching(/still has doctors/) });
      expect(await exists(dep.id)).toBe(true);
    }
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    const deps = world().deps;
    const { others } = await adminAndOthers(deps, [deleteDepartment]);
    const dep = await createDepartment(deps);
    expect(await expectRefused(others, 'DELETE', `/api/admin/departments/${dep.id}`)).toEqual(REFUSED);
    expect(await exists(dep.id)).toBe(true);
  });
});
