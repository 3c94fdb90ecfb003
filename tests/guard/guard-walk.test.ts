/**
 * A guard on every door (issue 8, item 5): every route the runner mounts (loaded as the runner loads them,
 * not a hand list), called with no session, as each role, and on another user's objects, against the one
 * table of who may do what (access.ts). A route missing from the table fails; so does a route whose guard
 * is missing, which the last test proves with a deliberately unguarded route.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Role } from '../../shared/db/schema';
import { buildApi } from '../../shared/http/api';
import { newFunction } from '../../shared/http/define-function';
import { describe as describeRoute } from '../../shared/http/route-meta';
import { loadNodeApi } from '../../shared/runtime/node/node-api';
import { sessionCookie } from '../support/booking';
import { createDoctor } from '../support/doctors';
import { insertExport } from '../support/exports';
import { createAppointment, createTreatment } from '../support/patient-records';
import { useTestWorld } from '../support/test-deps';
import { createUser } from '../support/users';
import { ACCESS, type Owned } from './access';
import { ROLES, walkGuards, walkStaffMfa, type WalkSetup } from './walk';
import { createTestWorld } from '../support/test-deps';

const FUNCTIONS = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'functions');
const world = useTestWorld();

async function setupFor(api: WalkSetup['api'], deps = world().deps): Promise<WalkSetup> {
  const callers = new Map<Role, string>();
  const cookies = new Map<Role, string>();
  for (const role of ROLES) callers.set(role, role === 'doctor' ? (await createDoctor(deps)).id : (await createUser(deps, { role })).id);
  // Objects of other people: a patient and a doctor who are not the walk's callers, and what they share.
  const otherPatient = await createUser(deps, { role: 'patient' });
  const otherDoctor = await createDoctor(deps);
  let slot = 0;
  const appointment = async () =>
    (await createAppointment(deps, { patientId: otherPatient.id, doctorId: otherDoctor.id, start: new Date(Date.parse('2026-12-04T09:00:00.000Z') + slot++ * 3_600_000).toISOString() })).id;
  const others: Record<Owned, () => Promise<string>> = {
    'patient-appointment': appointment,
    // Done: the other patient may hold many, and exports_one_running counts queued and running ones only.
    'patient-export': async () => (await insertExport(deps, { patientId: otherPatient.id, status: 'done' })).id,
    'doctor-appointment': appointment,
    'doctor-patient': async () => otherPatient.id,
    'doctor-treatment': async () => (await createTreatment(deps, { appointmentId: await appointment(), doctorId: otherDoctor.id, patientId: otherPatient.id })).id,
  };
  return {
    api,
    deps,
    table: ACCESS,
    // One session per caller, made again only once a call (logout) has ended it: a user keeps at most 20.
    async sessionOf(role) {
      const cookie = cookies.get(role);
      if (cookie && (await deps.sessions.validate(deps.sessions.readToken(cookie)))) return cookie;
      const fresh = await sessionCookie(deps, callers.get(role)!);
      cookies.set(role, fresh);
      return fresh;
    },
    othersObject: (kind) => others[kind](),
  };
}

describe('the guard walk', () => {
  test('every mounted route answers every caller as the access table says, and never reaches another user’s object', async () => {
    const { api } = await loadNodeApi(FUNCTIONS);
    const { problems, calls } = await walkGuards(await setupFor(api));
    expect(problems).toEqual([]);
    const routes = Object.keys(ACCESS).length;
    // The table's size, for the record: routes × (no session + 3 roles), plus the calls on others' objects.
    expect(calls).toBeGreaterThanOrEqual(routes * 4);
    // Each refusal of a role is in the audit trail: who tried which door.
    const refused = await world()
      .deps.db.selectFrom('audit_log')
      .select(['actor_role', 'entity_id', 'outcome'])
      .where('action', '=', 'access_refused')
      .where('entity_id', '=', 'GET /api/admin/dashboard')
      .execute();
    expect(refused.map((r) => [r.actor_role, r.outcome]).sort()).toEqual([['doctor', 'forbidden'], ['patient', 'forbidden']]);
  });

  test('every line of the access table names a mounted route (no stale lines)', async () => {
    const { api } = await loadNodeApi(FUNCTIONS);
    const mounted = new Set(api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    expect(Object.keys(ACCESS).filter((key) => !mounted.has(key))).toEqual([]);
  });

  test('a route without its guard, or one missing from the table, makes the walk fail', async () => {
    const { apps } = await loadNodeApi(FUNCTIONS);
    const unguarded = newFunction().get('/admin/guard-probe', describeRoute({ summary: 'Probe', responses: { 200: null } }), (c) => c.json({ leaked: true }));
    const unlisted = newFunction().get('/patient/unlisted-probe', describeRoute({ summary: 'Probe', responses: { 200: null } }), (c) => c.json({}));
    const api = buildApi([...apps, unguarded, unlisted]);
    const setup = await setupFor(api);
    setup.table = { ...ACCESS, 'GET /api/admin/guard-probe': { who: ['admin'] } };
    const { problems } = await walkGuards(setup);
    expect(problems).toEqual([
      'GET /api/admin/guard-probe without a session answered 200 , not 401 unauthenticated',
      'GET /api/admin/guard-probe as patient answered 200 , not 403 forbidden',
      'GET /api/admin/guard-probe as doctor answered 200 , not 403 forbidden',
      'GET /api/patient/unlisted-probe is mounted but has no line in the access table (tests/guard/access.ts)',
    ]);
  });
});

describe('REQUIRE_STAFF_MFA=true', () => {
  test('admins and doctors without MFA reach only /api/auth/* (403 mfa_setup_required on every other staff route); with MFA, everything', async () => {
    const strict = await createTestWorld({ REQUIRE_STAFF_MFA: 'true' });
    try {
      const { api } = await loadNodeApi(FUNCTIONS);
      const setup = await setupFor(api, strict.deps);
      const turnOn = async (role: Role) => {
        const user = await strict.deps.sessions.validate(strict.deps.sessions.readToken(await setup.sessionOf(role)));
        const at = strict.deps.clock().toISOString();
        await strict.deps.db
          .insertInto('mfa_factors')
          .values({ user_id: user!.id, secret: 'v1.test.test', pending_secret: null, enabled_at: at, last_used_step: null, created_at: at, updated_at: at })
          // The walk's call of POST /api/auth/mfa/setup left a pending row.
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret: 'v1.test.test', pending_secret: null, enabled_at: at }))
          .execute();
      };
      const { problems, held } = await walkStaffMfa(setup, turnOn);
      expect(problems).toEqual([]);
      // Every admin route and every doctor route was held for its role, and nothing under /api/auth/.
      const staffRoutes = Object.entries(ACCESS).filter(([key, a]) => Array.isArray(a.who) && (a.who.includes('admin') || a.who.includes('doctor')) && !key.includes('/api/auth/'));
      expect(staffRoutes.length).toBeGreaterThan(30);
      for (const [key] of staffRoutes) expect(held.some((h) => h.startsWith(`${key} `)), key).toBe(true);
      expect(held.filter((h) => h.includes('/api/auth/'))).toEqual([]);
      const refused = await strict.deps.db.selectFrom('audit_log').select('outcome').where('action', '=', 'access_refused').where('outcome', '=', 'mfa_setup_required').execute();
      expect(refused.length).toBe(held.length);
    } finally {
      await strict.cleanup();
    }
  });
});
