/**
 * Past one machine (issue 12, docs/deploy.md): two runners on different ports stand in for two machines, two
 * `jobs/main.ts` workers beside them, one PostgreSQL and one Redis (tests/support/multi-process.ts). What must
 * hold across machines: one booking out of a 200-way race, sessions valid everywhere and ended everywhere,
 * one reminder per visit however many schedulers fire, and the dashboard's cache fresh on every machine.
 *
 * PostgreSQL only (SQLite is one machine's file): vitest.config.ts runs it in the postgres project alone.
 */
import { Queue } from 'bullmq';
import { QUEUE_NAME } from '../../shared/runtime/node/bullmq-producer';
import { JOBS } from '../../shared/jobs/names';
import { dateInZone } from '../../shared/domain/calendar';
import { addDays } from '../../shared/domain/zoned-time';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { at, sessionCookie } from '../support/booking';
import { createDoctor, EVERY_DAY } from '../support/doctors';
import { SCALE_ADMIN, startLayout, type Layout } from '../support/multi-process';
import { insertPatients } from '../support/users';

const onPostgres = process.env.TEST_DB === 'postgres';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(port: number, method: string, path: string, options: { cookie?: string; json?: unknown } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      // A browser on this machine's own origin (the API's origins are allowed for state-changing requests).
      origin: `http://localhost:${port}`,
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
}

describe.runIf(onPostgres)('two machines on one PostgreSQL and one Redis', () => {
  let layout: Layout;
  const deps = () => layout.node.deps;
  const [A, B] = [0, 1];
  const port = (i: number) => layout.runners[i]!.port;

  beforeAll(async () => {
    layout = await startLayout();
  }, 120_000);
  afterAll(async () => {
    await layout?.cleanup();
  }, 60_000);

  const inDays = (days: number) => addDays(dateInZone(new Date(), deps().config.hospitalTimeZone), days);

  test('200 patients race for one slot, half through each machine: exactly one booking, 199 slot_taken, no errors', { timeout: 120_000 }, async () => {
    const doctor = await createDoctor(deps(), { weekly: EVERY_DAY });
    const patients = await insertPatients(deps(), 200);
    const cookies = await Promise.all(patients.map((p) => sessionCookie(deps(), p.id)));
    const start = at(deps(), inDays(2), '10:00');
    const results = await Promise.all(
      cookies.map((cookie, i) => call(port(i % 2 === 0 ? A : B), 'POST', '/api/patient/appointments', { cookie, json: { doctorId: doctor.id, start } })),
    );
    const tally: Record<string, number> = {};
    for (const r of results) {
      const key = r.status === 201 ? '201' : `${r.status} ${r.body?.error?.code}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    expect(tally).toEqual({ 201: 1, '409 slot_taken': 199 });
    const rows = await deps().db.selectFrom('appointments').select(['id', 'status']).where('doctor_id', '=', doctor.id).execute();
    expect(rows).toEqual([{ id: results.find((r) => r.status === 201)!.body.id, status: 'booked' }]);
  });

  test('a session made on one machine is valid on the other, and signing out on one ends it on both', async () => {
    const login = await call(port(A), 'POST', '/api/auth/login', { json: SCALE_ADMIN });
    expect(login.status).toBe(200);
    const cookie = login.cookie;
    expect((await call(port(B), 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect((await call(port(A), 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect((await call(port(B), 'POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect((await call(port(A), 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await call(port(B), 'GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  test("the admin's dashboard, cached on one machine, shows a booking made through the other", async () => {
    const login = await call(port(A), 'POST', '/api/auth/login', { json: SCALE_ADMIN });
    const admin = login.cookie;
    const before = await call(port(A), 'GET', '/api/admin/dashboard', { cookie: admin });
    expect(before.status).toBe(200);
    // Read twice on A: the second answer is the cached one.
    expect((await call(port(A), 'GET', '/api/admin/dashboard', { cookie: admin })).body).toEqual(before.body);
    const doctor = await createDoctor(deps(), { weekly: EVERY_DAY });
    const [patient] = await insertPatients(deps(), 1);
    const booked = await call(port(B), 'POST', '/api/patient/appointments', { cookie: await sessionCookie(deps(), patient!.id), json: { doctorId: doctor.id, start: at(deps(), inDays(3), '11:00') } });
    expect(booked.status).toBe(201);
    const after = await call(port(A), 'GET', '/api/admin/dashboard', { cookie: admin });
    expect(after.body.appointments.total).toBe(before.body.appointments.total + 1);
    expect(after.body.appointments.booked).toBe(before.body.appointments.booked + 1);
    expect(after.body.doctors).toBe(before.body.doctors + 1);
  });

  test("every worker's scheduler fires for the same morning: each of the next day's visits gets one reminder", { timeout: 120_000 }, async () => {
    // Only one job scheduler per function exists, however many workers registered it at start.
    const queue = new Queue(QUEUE_NAME, { connection: layout.node.redis, prefix: `${layout.prefix}bull` });
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['clean-up', 'daily-reminders', 'monthly-reports']);

    const tomorrow = inDays(1);
    const doctor = await createDoctor(deps(), { weekly: EVERY_DAY });
    const patients = await insertPatients(deps(), 6);
    const ids: string[] = [];
    for (const [i, p] of patients.entries()) {
      const res = await call(port(i % 2 ? A : B), 'POST', '/api/patient/appointments', { cookie: await sessionCookie(deps(), p.id), json: { doctorId: doctor.id, start: at(deps(), tomorrow, `1${3 + (i >> 1)}:${i % 2 ? '30' : '00'}`) } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    // The same 08:00 run, fired once by each worker's scheduler (two jobs for one moment, as two schedulers would add).
    const moment = at(deps(), inDays(0), deps().config.background.reminderTime);
    await deps().jobs.enqueue(JOBS.dailyReminders, { now: moment }, { jobId: `fired-by-worker-1-${moment}` });
    await deps().jobs.enqueue(JOBS.dailyReminders, { now: moment }, { jobId: `fired-by-worker-2-${moment}` });

    const reminders = () => layout.smtp.accepted.filter((m) => m.subject.startsWith('Reminder of your appointment') && patients.some((p) => m.to.includes(p.email)));
    const deadline = Date.now() + 60_000;
    while (reminders().length < patients.length && Date.now() < deadline) await sleep(100);
    // A second copy would come within moments of the first: wait a little past the last.
    await sleep(2_000);
    const per = new Map<string, number>();
    for (const m of reminders()) for (const to of m.to) per.set(to, (per.get(to) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual(Object.fromEntries(patients.map((p) => [p.email, 1])));
    // Both runs happened (each worker logged one), and the reminders are one job each.
    const ran = layout.workers.map((w) => (w.output().match(/"scheduled function ran"/g) ?? []).length).reduce((a, b) => a + b, 0);
    expect(ran).toBe(2);
  });
});
