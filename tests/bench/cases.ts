/**
 * The bench cases. Each load case is measured against a baseline run the same way in the same minute
 * (bare Hono's hello, or argon2id verify alone), so the ratio means something on a shared, noisy machine.
 * A later issue adds its endpoints here: one entry, with the status it must answer and its target.
 */
import type { LoadRequest } from './load';

export type Baseline = 'hello' | 'verify';

export interface Context {
  /** http://127.0.0.1:<api port> */
  api: string;
  /** A session cookie (`name=value`) of a signed-in admin. */
  cookie: string;
  admin: { email: string; password: string };
  /** Patients registered for the run, one per sign-in connection. */
  patients: Array<{ email: string; password: string }>;
}

export interface LoadCase {
  name: string;
  baseline: Baseline;
  request: (ctx: Context) => LoadRequest;
  /** Every answer must have this status, or the run fails (quick mode asserts only this). */
  status: number;
  connections: number;
  /** What issue 6 set; a case without one is measured and reported, not judged. */
  target?: { ratio: number; p99Ms?: number };
}

export const LOAD_CASES: LoadCase[] = [
  {
    name: 'JSON 404',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/no/such/endpoint` }),
    status: 404,
    connections: 50,
    target: { ratio: 0.5 },
  },
  {
    name: 'GET /api/health',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/health` }),
    status: 200,
    connections: 50,
  },
  {
    name: 'GET /api/auth/me',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/auth/me`, headers: { cookie: ctx.cookie } }),
    status: 200,
    connections: 50,
    target: { ratio: 0.3, p99Ms: 25 },
  },
  {
    name: 'POST /api/auth/login',
    baseline: 'verify',
    request: (ctx) => ({
      url: `${ctx.api}/api/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // An account per connection: one account from one address may have at most 5 attempts in flight
      // (the per-account-and-address counter reserves before verifying, ADR 011).
      bodies: ctx.patients.map((p) => JSON.stringify(p)),
    }),
    status: 200,
    connections: 8,
    target: { ratio: 0.85 },
  },
];

/** The baselines' own requests (tests/bench/hello.ts). */
export function baselineRequest(baseline: Baseline, port: number): LoadRequest {
  if (baseline === 'hello') return { url: `http://127.0.0.1:${port}/hello` };
  return {
    url: `http://127.0.0.1:${port}/verify`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'bench password for argon2 only' }),
  };
}

export const TARGETS = {
  /** Peak resident memory of the API process under the /me load. */
  peakRssMb: 150,
  /** From spawning the production start command to the first healthy answer. */
  startMs: 1500,
};
