/**
 * The guard walk: every mounted route, called with no session and as each role, held to the access table
 * (access.ts). Answers that must be refused must be exactly 401 `unauthenticated` (no session) or 403
 * `forbidden` (another role); answers that must be let through may be anything but those two (an empty
 * body's 400 and a made-up id's 404 are fine: the guard let the caller in). For a route whose id belongs to
 * someone, a caller of the allowed role is also sent another user's object, which must answer exactly what
 * a missing id answers (404, same body: never confirm that someone else's id exists).
 */
import type { Api } from '../../shared/http/api';
import type { Role } from '../../shared/db/schema';
import type { Deps } from '../../shared/runtime/deps';
import type { Access, Owned } from './access';

export const ROLES: Role[] = ['patient', 'doctor', 'admin'];
const MISSING_ID = '01900000-0000-7000-8000-000000000000';
const A_DATE = '2026-12-02';

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

export interface WalkSetup {
  api: Api;
  deps: Deps;
  table: Record<string, Access>;
  /** A fresh session cookie (`name=value`) of a user of this role: logout may end the one it is given. */
  sessionOf(role: Role): Promise<string>;
  /** The id of an object of this kind that belongs to another user than the walk's callers. */
  othersObject(kind: Owned): Promise<string>;
}

interface Answer {
  status: number;
  body: string;
}

async function send(setup: WalkSetup, method: string, path: string, cookie?: string, body: unknown = {}): Promise<Answer> {
  const headers = new Headers();
  if (cookie) headers.set('cookie', cookie);
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(method);
  if (hasBody) headers.set('content-type', 'application/json');
  const res = await setup.api.request(
    path,
    { method, headers, ...(hasBody ? { body: JSON.stringify(body) } : {}) },
    { deps: setup.deps, clientAddress: '192.0.2.200' },
  );
  return { status: res.status, body: await res.text() };
}

const codeOf = (answer: Answer) => {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
};

function fill(path: string, id: string, query?: string): string {
  const filled = path.replace(/:date\b/g, A_DATE).replace(/:package\b/g, 'swagger-ui-dist').replace(/:file\b/g, 'swagger-ui.css').replace(/:(\w+)/g, id);
  return query ? `${filled}?${query}` : filled;
}

/** Every way the mounted routes and the table disagree; empty when the guards hold. */
export async function walkGuards(setup: WalkSetup): Promise<{ problems: string[]; calls: number }> {
  const problems: string[] = [];
  let calls = 0;
  const routes = setup.api.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
  const seen = new Set<string>();
  for (const route of routes) {
    const key = routeKey(route.method, route.path);
    if (seen.has(key)) continue;
    seen.add(key);
    const access = setup.table[key];
    if (!access) {
      problems.push(`${key} is mounted but has no line in the access table (tests/guard/access.ts)`);
      continue;
    }
    const path = fill(route.path, MISSING_ID, access.query);

    const anonymous = await send(setup, route.method, path, undefined, access.body);
    calls++;
    if (access.who === 'anyone') {
      if (anonymous.status === 401 || anonymous.status === 403) problems.push(`${key} without a session answered ${anonymous.status}, but anyone may call it`);
    } else if (anonymous.status !== 401 || codeOf(anonymous) !== 'unauthenticated') {
      problems.push(`${key} without a session answered ${anonymous.status} ${codeOf(anonymous) ?? ''}, not 401 unauthenticated`);
    }

    for (const role of ROLES) {
      const allowed = access.who === 'anyone' || access.who === 'signed-in' || access.who.includes(role);
      const answer = await send(setup, route.method, path, await setup.sessionOf(role), access.body);
      calls++;
      if (allowed && (answer.status === 401 || answer.status === 403)) {
        problems.push(`${key} as ${role} answered ${answer.status} ${codeOf(answer) ?? ''}, but ${role}s may call it`);
      }
      if (!allowed && (answer.status !== 403 || codeOf(answer) !== 'forbidden')) {
        problems.push(`${key} as ${role} answered ${answer.status} ${codeOf(answer) ?? ''}, not 403 forbidden`);
      }
      if (allowed && access.others && access.who !== 'anyone') {
        const missing = await send(setup, route.method, path, await setup.sessionOf(role), access.body);
        const others = await send(setup, route.method, fill(route.path, await setup.othersObject(access.others), access.query), await setup.sessionOf(role), access.body);
        calls += 2;
        if (others.status !== 404 || missing.status !== 404 || others.body !== missing.body) {
          problems.push(
            `${key} as ${role} on another user's object answered ${others.status} ${others.body.slice(0, 120)}; a missing id answered ${missing.status} ${missing.body.slice(0, 120)}`,
          );
        }
      }
    }
  }
  return { problems, calls };
}

/**
 * REQUIRE_STAFF_MFA=true: every route a doctor or admin may call answers them 403 `mfa_setup_required`
 * while they have no second factor, except /api/auth/* (where they set one up) and the routes anyone may
 * call; patients are never held back. `turnOn(role)` gives that caller a second factor; after it, no route
 * answers mfa_setup_required.
 */
export async function walkStaffMfa(setup: WalkSetup, turnOn: (role: Role) => Promise<void>): Promise<{ problems: string[]; held: string[] }> {
  const problems: string[] = [];
  const held: string[] = [];
  const routes = setup.api.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
  const unique = [...new Map(routes.map((r) => [routeKey(r.method, r.path), r])).entries()];
  const check = async (phase: 'without' | 'with') => {
    for (const [key, route] of unique) {
      const access = setup.table[key];
      if (!access) continue;
      const path = fill(route.path, MISSING_ID, access.query);
      for (const role of ROLES) {
        const allowed = access.who === 'anyone' || access.who === 'signed-in' || access.who.includes(role);
        if (!allowed) continue;
        const answer = await send(setup, route.method, path, await setup.sessionOf(role), access.body);
        const isHeld = answer.status === 403 && codeOf(answer) === 'mfa_setup_required';
        const mustHold = phase === 'without' && role !== 'patient' && access.who !== 'anyone' && !route.path.startsWith('/api/auth/');
        if (mustHold && !isHeld) problems.push(`${key} as ${role} without MFA answered ${answer.status} ${codeOf(answer) ?? ''}, not 403 mfa_setup_required`);
        if (!mustHold && (answer.status === 401 || answer.status === 403)) problems.push(`${key} as ${role} ${phase} MFA answered ${answer.status} ${codeOf(answer) ?? ''}`);
        if (isHeld) held.push(`${key} ${role}`);
      }
    }
  };
  await check('without');
  await turnOn('doctor');
  await turnOn('admin');
  await check('with');
  return { problems, held };
}
