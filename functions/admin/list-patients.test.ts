import { beforeAll, describe, expect, test } from 'vitest';
import { adminAndOthers, expectRefused, REFUSED } from '../../tests/support/admin';
import { auditRowsOf } from '../../tests/support/patient-records';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import listPatients from './list-patients';

const world = useTestWorld();
let ctx: Awaited<ReturnType<typeof adminAndOthers>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const deps = world().deps;
  ctx = await adminAndOthers(deps, [listPatients]);
  ids.mary = (await createUser(deps, { name: 'Mary Quinn', email: 'mary.quinn@example.org' })).id;
  ids.omar = (await createUser(deps, { name: 'Omar Haddad', email: 'o.haddad@example.net', status: 'blacklisted' })).id;
  await deps.db.updateTable('patients').set({ phone: '+44 20 7946 0123' }).where('user_id', '=', ids.mary).execute();
});

const search = async (query: string) => {
  const res = await ctx.admin.c.get(`/api/admin/patients${query}`);
  expect(res.status, query).toBe(200);
  return res.body as { items: { id: string; name: string; status: string }[]; total: number };
};
const found = async (q: string) => (await search(`?q=${encodeURIComponent(q)}`)).items.map((p) => p.id);

describe('GET /api/admin/patients', () => {
  test('an admin sees patients by name with their status, and no other role', async () => {
    const body = await search('');
    // The helper's two signed-in users include one patient ("Test patient").
    expect(body.items.map((p) => [p.name, p.status])).toEqual([['Mary Quinn', 'active'], ['Omar Haddad', 'blacklisted'], ['Test patient', 'active']]);
    expect(body.total).toBe(3);
    expect(body.items[0]).toEqual({
      id: ids.mary, name: 'Mary Quinn', email: 'mary.quinn@example.org', phone: '+44 20 7946 0123', dateOfBirth: null, gender: null, address: null, bloodGroup: null, status: 'active', createdAt: expect.any(String),
    });
  });

  test('q matches a part of the name, in any letter case', async () => {
    for (const q of ['quinn', 'MARY Q', 'ry qu']) expect(await found(q), q).toEqual([ids.mary]);
  });
  test('q matches a part of the email, in any letter case', async () => {
    for (const q of ['HADDAD@', 'example.net', 'o.had']) expect(await found(q), q).toEqual([ids.omar]);
  });
  test('q matches a part of the phone', async () => {
    for (const q of ['7946', '+44 20', '0123']) expect(await found(q), q).toEqual([ids.mary]);
  });
  test('q matches a part of the id, in any letter case', async () => {
    const id = ids.omar!;
    // From the random tail of the id: its head is a timestamp that patients made in the same moment share.
    for (const q of [id, id.slice(-12, -3), id.slice(-12, -3).toUpperCase()]) expect(await found(q), q).toEqual([ids.omar]);
  });
  test('status filters; % and _ are plain characters; paging works', async () => {
    expect((await search('?status=blacklisted')).items.map((p) => p.id)).toEqual([ids.omar]);
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
    expect((await search('?pageSize=1&page=2')).items.map((p) => p.id)).toEqual([ids.omar]);
  });

  test('each patient listed is an audited read in their access log', async () => {
    await found('quinn');
    const rows = await auditRowsOf(world().deps, ids.mary!);
    expect(rows.filter((r) => r.action === 'patients_list').at(-1)).toMatchObject({ actor_id: ctx.admin.user.id, actor_role: 'admin', outcome: 'ok' });
  });

  test('a bad status is 400 naming it', async () => {
    const res = await ctx.admin.c.get('/api/admin/patients?status=gone');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['status']);
  });

  test('doctors and patients get 403, signed-out callers 401', async () => {
    expect(await expectRefused(ctx.others, 'GET', '/api/admin/patients?q=mary')).toEqual(REFUSED);
  });
  test('a renamed patient, a new phone and a new patient are found at once (the search index follows every change)', async () => {
    const deps = world().deps;
    const id = (await createUser(deps, { name: 'Nadia Brennan', email: 'nadia.b@example.org' })).id;
    expect(await found('brennan')).toEqual([id]);
    await deps.db.updateTable('users').set({ name: 'Nadia Kowalczyk' }).where('id', '=', id).execute();
    await deps.db.updateTable('patients').set({ phone: '+48 22 555 0199' }).where('user_id', '=', id).execute();
    expect(await found('brennan')).toEqual([]);
    expect(await found('KOWALCZYK')).toEqual([id]);
    expect(await found('555 01')).toEqual([id]);
    expect(await found('nadia.b@')).toEqual([id]);
  });
});
