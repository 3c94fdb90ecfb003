/**
 * Chaos: Redis stopped during a booking loses nothing (issue 9). A private redis-server (no persistence:
 * when it comes back it is empty, the harshest case) carries the job queue; the API's sessions and cache
 * stay on the test Redis, because with sessions in the same Redis a signed-in request cannot even be
 * recognised while it is down (503 `unavailable`, nothing written: nothing to lose either, ADR 013).
 * With the queue's Redis stopped, the patient books and the doctor cancels through the real endpoints:
 * both succeed, their outbox rows are written in their transactions, and the relay (in a real worker)
 * keeps them pending, recording its attempts. Redis starts again; the relay hands the rows over and each
 * job's mail goes out exactly once.
 *
 * The processors of the two email jobs are replaced for this file by a test-only one that mails the
 * patient through the delivery log (keys as the real ones: the kind and the appointment id), so the test
 * does not depend on how the real emails are worded. Every outbox row written during the outage is
 * checked, whichever endpoints write them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import book from '../../functions/patient/book-appointment';
import doctorCancel from '../../functions/doctor/cancel-appointment';
import { processors, type Processor } from '../../jobs/processors';
import { startWorker } from '../../jobs/worker';
import { JOBS } from '../../shared/jobs/names';
import { deliverOnce } from '../../shared/mail/deliver-once';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import { createBullmqProducer } from '../../shared/runtime/node/bullmq-producer';
import type { Deps } from '../../shared/runtime/deps';
import { until } from '../support/background';
import { at, sessionCookie } from '../support/booking';
import { createDoctor } from '../support/doctors';
import { testClient } from '../support/http';
import { freePort, portAnswers } from '../support/net';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';
import { createTestWorld, type TestWorld } from '../support/test-deps';
import { createUser } from '../support/users';

const KINDS: Record<string, string> = { [JOBS.appointmentBooked]: 'appointment_booked', [JOBS.appointmentCancelled]: 'appointment_cancelled' };

let port: number;
let redis: ChildProcess | undefined;
let smtp: SmtpListener;
let world: TestWorld;
let deps: Deps;
const saved: Record<string, Processor | undefined> = {};
const closers: Array<() => Promise<void>> = [];

async function startRedis(): Promise<void> {
  redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await portAnswers(port)); i++) await new Promise((r) => setTimeout(r, 50));
}

async function stopRedis(): Promise<void> {
  const s = redis;
  redis = undefined;
  if (!s || s.exitCode !== null) return;
  const exited = new Promise((done) => s.once('exit', done));
  s.kill('SIGTERM');
  await exited;
}

/** Test-only: the patient of the appointment gets one mail of the job's kind, through the delivery log. */
const mailThePatient: Processor = async (d, payload, job) => {
  const kind = KINDS[job.name]!;
  const appointmentId = String(payload.appointmentId);
  const patient = await d.db
    .selectFrom('appointments')
    .innerJoin('users', 'users.id', 'appointments.patient_id')
    .select('users.email')
    .where('appointments.id', '=', appointmentId)
    .executeTakeFirstOrThrow();
  await deliverOnce(d, { kind, subjectId: appointmentId, message: { to: patient.email, subject: `${kind} ${appointmentId}`, text: kind, html: `<p>${kind}</p>` } });
};

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  smtp = await startSmtpListener();
  world = await createTestWorld({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  world.clock.set('2026-12-01T08:00:00.000Z');
  // The queue (the relay's producer and the worker) on the private Redis; everything else on the test one.
  const queueRedis = connectRedis(`redis://127.0.0.1:${port}`);
  // Its reconnect attempts during the outage are expected; the relay's warning is what the test reads.
  queueRedis.on('error', () => {});
  await queueRedis.connect();
  const queue = createBullmqProducer(queueRedis, world.config.redisKeyPrefix, () => {});
  deps = { ...world.deps, jobs: queue.producer };
  for (const name of Object.keys(KINDS)) {
    saved[name] = processors[name];
    processors[name] = mailThePatient;
  }
  const workerRedis = connectRedis(`redis://127.0.0.1:${port}`, { forWorker: true });
  const worker = startWorker(deps, workerRedis);
  await worker.waitUntilReady();
  closers.push(async () => {
    await worker.close();
    workerRedis.disconnect();
    await queue.close();
    queueRedis.disconnect();
  });
});

afterAll(async () => {
  for (const name of Object.keys(KINDS)) {
    if (saved[name]) processors[name] = saved[name]!;
  }
  for (const close of closers) await close().catch(() => {});
  await world?.cleanup();
  await stopRedis();
  await smtp?.close();
});

describe("with the queue's Redis stopped", () => {
  test('a booking and a cancellation succeed, their outbox rows wait, and each mail goes out once when Redis is back', async () => {
    const doctor = await createDoctor(deps, { name: 'Dr Outage' });
    const patient = await createUser(deps, { role: 'patient', email: 'outage-patient@example.org' });
    const asPatient = testClient(deps, [book], { clientAddress: '198.51.100.7' });
    asPatient.cookie = await sessionCookie(deps, patient.id);
    const asDoctor = testClient(deps, [doctorCancel], { clientAddress: '198.51.100.8' });
    asDoctor.cookie = await sessionCookie(deps, doctor.id);

    await stopRedis();
    const booked = await asPatient.post('/api/patient/appointments', { json: { doctorId: doctor.id, start: at(deps, '2026-12-02', '09:30') } });
    expect(booked.status).toBe(201);
    const cancelled = await asDoctor.post(`/api/doctor/appointments/${booked.body.id}/cancel`, { json: { reason: 'The clinic closes' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const written = await deps.db.selectFrom('outbox').selectAll().execute();
    // The cancellation's row at least (the booking writes one too once its confirmation is built).
    expect(written.map((r) => r.job)).toContain(JOBS.appointmentCancelled);
    for (const row of written) expect(JSON.parse(row.payload)).toEqual({ appointmentId: booked.body.id });
    // The relay tried, failed, and kept every row pending with the attempt and the error.
    await until(async () => (await deps.db.selectFrom('outbox').select('attempts').execute()).every((r) => r.attempts >= 2), 20_000, 'the relay to try twice');
    const waiting = await deps.db.selectFrom('outbox').selectAll().execute();
    for (const row of waiting) expect(row).toMatchObject({ relayed_at: null, last_error: expect.any(String) });
    expect(smtp.accepted).toEqual([]);
    const relayWarnings = () => world.log.records.filter((r) => r.message.startsWith('outbox relay: cannot'));
    expect(relayWarnings()).toHaveLength(1);

    await startRedis();
    await until(async () => (await deps.db.selectFrom('outbox').select('relayed_at').execute()).every((r) => r.relayed_at !== null), 30_000, 'the relay to hand the rows over');
    await until(() => smtp.accepted.length >= written.length, 30_000, 'the mails');
    // A moment for anything that would go out twice; nothing is waiting or running any more.
    await until(async () => {
      const { queues } = await deps.jobs.inspect();
      return queues[0]!.waiting + queues[0]!.active + queues[0]!.delayed === 0;
    }, 15_000, 'the queue to drain');

    const expected = written.map((r) => `<${KINDS[r.job]}.${booked.body.id}@wardline>`).sort();
    expect(smtp.accepted.map((m) => m.messageId).sort()).toEqual(expected);
    expect(smtp.accepted.every((m) => m.to.includes('outage-patient@example.org'))).toBe(true);
    const sent = await deps.db.selectFrom('email_deliveries').select(['kind', 'status']).where('subject_id', '=', booked.body.id).execute();
    expect(sent).toHaveLength(written.length);
    expect(sent.every((r) => r.status === 'sent')).toBe(true);
    expect(relayWarnings()).toHaveLength(1);
    expect(world.log.records.filter((r) => r.message.startsWith('outbox relay: handing jobs over again'))).toHaveLength(1);
  }, 90_000);
});
