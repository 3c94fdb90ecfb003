/**
 * The bench cases. Each load case is measured against a baseline run the same way in the same minute
 * (bare Hono's hello, or argon2id verify alone), so the ratio means something on a shared, noisy machine.
 * A later issue adds its endpoints here: one entry, with the status it must answer and its target.
 */
import type { LoadRequest } from './load';

export type Baseline = 'hello' | 'verify' | 'range' | 'book';

export interface Context {
  /** http://127.0.0.1:<api port> */
  api: string;
  /** A session cookie (`name=value`) of a signed-in admin. */
  cookie: string;
  admin: { email: string; password: string };
  /** Patients registered for the run, one per sign-in connection. */
  patients: Array<{ email: string; password: string }>;
  /** From the seeded demo hospital: a doctor, a department and its bookable doctors. */
  doctorId: string;
  departmentId: string;
  departmentDoctorIds: string[];
  /** The booking window's first and last instants (the raw range query's bounds). */
  window: { from: string; to: string };
  /** A seeded patient's session cookie: a year of visits and some bookings. */
  patientCookie: string;
  /** A seeded doctor's session cookie, and the id of the patient of theirs with the longest history. */
  doctorCookie: string;
  doctorPatientId: string;
  /** A part of one patient's email: a selective search among the 100,000 patients. */
  searchQuery: string;
  /** The bench patients' cookies, and for each request of the run a free slot of its own. */
  bookings: { headers: Array<Record<string, string>>; bodies: string[] };
}

export interface LoadCase {
  name: string;
  baseline: Baseline;
  request: (ctx: Context) => LoadRequest;
  /** Every answer must have this status, or the run fails (quick mode asserts only this). */
  status: number;
  connections: number;
  /** What the issue set; a case without one is measured and reported, not judged. */
  target?: { ratio: number; p99Ms?: number; p50Ms?: number };
  /** A second baseline measured in the same rounds (a row of its own): booking against its raw transaction. */
  alsoAgainst?: { baseline: Baseline; ratio: number };
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
  {
    name: 'GET /api/doctors/:id/slots (7 days)',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/doctors/${ctx.doctorId}/slots` }),
    status: 200,
    // One connection: p50 is the time one request takes, not time spent queueing behind 49 others.
    connections: 1,
    target: { ratio: 0, p50Ms: 2 },
  },
  {
    name: 'GET /api/departments/:id/slots',
    baseline: 'range',
    request: (ctx) => ({ url: `${ctx.api}/api/departments/${ctx.departmentId}/slots` }),
    status: 200,
    connections: 10,
    // "At most 3 × the raw range query": a third of its throughput at the same connections.
    target: { ratio: 1 / 3 },
  },
  {
    name: 'POST /api/patient/appointments',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/patient/appointments`, method: 'POST', sequence: ctx.bookings }),
    status: 201,
    connections: 8,
    target: { ratio: 0.1 },
    alsoAgainst: { baseline: 'book', ratio: 0.3 },
  },
  {
    name: 'GET /api/patient/appointments',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/patient/appointments`, headers: { cookie: ctx.patientCookie } }),
    status: 200,
    connections: 50,
    target: { ratio: 0.3, p99Ms: 25 },
  },
  {
    // Issue 8: the admin's dashboard as it is read most of the time, from the cache (one compute, then hits).
    name: 'GET /api/admin/dashboard (cached)',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/admin/dashboard`, headers: { cookie: ctx.cookie } }),
    status: 200,
    connections: 50,
    target: { ratio: 0.5 },
  },
  {
    // Issue 8: the admin finds a patient among 100,000 (p99 ≤ 20 ms); each patient listed is an audited read.
    name: 'GET /api/admin/patients?q= (100,000 patients)',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/admin/patients?q=${encodeURIComponent(ctx.searchQuery)}`, headers: { cookie: ctx.cookie } }),
    status: 200,
    connections: 10,
    target: { ratio: 0, p99Ms: 20 },
  },
  {
    // Issue 8: the session, the "is this my patient" check, the history of every doctor, and its audit row.
    name: 'GET /api/doctor/patients/:id/history',
    baseline: 'hello',
    request: (ctx) => ({ url: `${ctx.api}/api/doctor/patients/${ctx.doctorPatientId}/history`, headers: { cookie: ctx.doctorCookie } }),
    status: 200,
    connections: 50,
    target: { ratio: 0.3 },
  },
];

/** The baselines' own requests (tests/bench/hello.ts). */
export function baselineRequest(baseline: Baseline, port: number, ctx?: Context): LoadRequest {
  if (baseline === 'hello') return { url: `http://127.0.0.1:${port}/hello` };
  if (baseline === 'range') {
    const query = new URLSearchParams({ doctors: ctx!.departmentDoctorIds.join(','), from: ctx!.window.from, to: ctx!.window.to });
    return { url: `http://127.0.0.1:${port}/range?${query}` };
  }
  if (baseline === 'book') {
    return { url: `http://127.0.0.1:${port}/book`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reason":"bench"}' };
  }
  return {
    url: `http://127.0.0.1:${port}/verify`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'bench password for argon2 only' }),
  };
}

export const TARGETS = {
  /** Peak resident memory of one API process under the /me load (issue 12: 200 MB; it was 150 MB on the demo's data). */
  peakRssMb: 200,
  /** From spawning the production start command to the first healthy answer. */
  startMs: 1500,
};
