/**
 * The background-work bench cases of issue 9, in this process against baselines run in the same process,
 * on a SQLite file and a Redis key prefix of their own (deleted afterwards):
 * 1. daily-reminders enqueueing 100,000 reminders ≥ 0.5 × bare BullMQ `addBulk` of the same 100,000 jobs;
 * 2. a real worker sending 10,000 reminders to an SMTP listener ≥ 0.5 × a bare BullMQ worker doing nothing
 *    with 10,000 jobs at the same concurrency;
 * 3. exporting a patient with 1,000 visits (CSV and FHIR) ≥ 0.5 × iterating the same rows raw, with under
 *    50 MB of memory growth.
 * Each is a rate (jobs, mails or visits a second); the ratio is the case's rate over the baseline's, the
 * median of the rounds (each round runs the baseline, then the case).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../shared/config';
import { JOBS } from '../../shared/jobs/names';
import { migrateToLatest } from '../../shared/db/migrate';
import { buildNodeDeps, connectRedis, type NodeDeps } from '../../shared/runtime/node/build-deps';
import { jobOptions, QUEUE_NAME } from '../../shared/runtime/node/bullmq-producer';
import { openDatabase } from '../../shared/runtime/node/database';
import { createNodeLogger } from '../../shared/runtime/node/log-sink';
import { newId } from '../../shared/ids';
import dailyReminders from '../../functions/scheduled/daily-reminders';
import { startWorker, WORKER_CONCURRENCY } from '../../jobs/worker';
import { buildExport } from '../../jobs/export-history';
import { deleteKeys } from '../support/redis-keys';
import { seedPatientVisits, seedReminderDay } from './background-data';
import type { Row } from './report';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGET = 0.5;
const MEMORY_LIMIT_MB = 50;
/** The day whose reminders are sent: the scheduled run is at 08:00 UTC the day before. */
const RUN_AT = new Date('2027-01-10T08:00:00.000Z');
const DAY_START = new Date('2027-01-11T00:00:00.000Z');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const say = (message: string) => process.stderr.write(`  ${message}\n`);

interface World {
  dir: string;
  path: string;
  prefix: string;
  node: NodeDeps;
  close(): Promise<void>;
}

async function world(smtpUrl = 'smtp://127.0.0.1:1'): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-bench-bg-'));
  const path = join(dir, 'bench.db');
  const prefix = `bench:bg:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: path,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    SMTP_URL: smtpUrl,
    HOSPITAL_TIMEZONE: 'UTC',
    ADMIN_PASSWORD: 'correct horse battery staple',
    LOG_LEVEL: 'silent',
  });
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const node = await buildNodeDeps(config, { db, log: createNodeLogger('silent') });
  return {
    dir,
    path,
    prefix,
    node,
    async close() {
      await node.close();
      await deleteKeys(REDIS_URL, prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Case 1: the scheduled function's enqueue against addBulk of the same jobs. */
export async function reminderEnqueueRow(options: { appointments: number; rounds: number }): Promise<Row> {
  const w = await world();
  try {
    say(`seeding ${options.appointments} booked appointments`);
    seedReminderDay(w.path, { appointments: options.appointments, dayStart: DAY_START });
    const raw = new SQLite(w.path, { readonly: true });
    const rows = raw.prepare(`select id, start_at from appointments where status = 'booked'`).all() as Array<{ id: string; start_at: string }>;
    raw.close();
    const queue = new Queue(QUEUE_NAME, { connection: w.node.redis, prefix: `${w.prefix}bull` });
    const ratios: number[] = [];
    let caseRate = 0;
    let baseRate = 0;
    try {
      for (let round = 0; round < options.rounds; round++) {
        await queue.obliterate({ force: true });
        // Bare BullMQ: the same jobs, names, ids, options and chunking, with nothing around them.
        const baseMs = await timed(async () => {
          for (let i = 0; i < rows.length; i += 5_000) {
            await queue.addBulk(
              rows.slice(i, i + 5_000).map((r) => ({
                name: JOBS.appointmentReminder,
                data: { appointmentId: r.id, start: r.start_at },
                opts: jobOptions({ jobId: `reminder.${r.id}.${Date.parse(r.start_at)}` }),
              })),
            );
          }
        });
        await queue.obliterate({ force: true });
        let enqueued = 0;
        const caseMs = await timed(async () => {
          enqueued = (await dailyReminders.run(w.node.deps, RUN_AT)).enqueued;
        });
        if (enqueued !== rows.length) throw new Error(`daily-reminders enqueued ${enqueued} of ${rows.length}`);
        baseRate = rows.length / (baseMs / 1000);
        caseRate = rows.length / (caseMs / 1000);
        ratios.push(caseRate / baseRate);
        say(`round ${round + 1}: ${Math.round(caseRate)} jobs/s against ${Math.round(baseRate)} bare`);
      }
    } finally {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
    const ratio = median(ratios);
    return {
      name: `daily-reminders enqueueing ${rows.length.toLocaleString('en')} reminders`,
      value: `${Math.round(caseRate).toLocaleString('en')} jobs/s against ${Math.round(baseRate).toLocaleString('en')} for bare addBulk: ${ratio.toFixed(2)}×`,
      target: `≥ ${TARGET}× bare BullMQ addBulk`,
      verdict: ratio >= TARGET ? 'met' : 'missed',
    };
  } finally {
    await w.close();
  }
}

/** An SMTP listener that accepts and discards every message, counting them. */
export async function countingSmtp(): Promise<{ port: number; received(): number; close(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { port, received: () => received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 600_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Case 2: a real worker sending reminders against a bare worker doing nothing, at the same concurrency. */
export async function reminderSendRow(options: { mails: number; rounds: number }): Promise<Row> {
  const smtp = await countingSmtp();
  const w = await world(`smtp://127.0.0.1:${smtp.port}`);
  try {
    say(`seeding ${options.mails} booked appointments to remind`);
    seedReminderDay(w.path, { appointments: options.mails, dayStart: DAY_START });
    const raw = new SQLite(w.path, { readonly: true });
    const rows = raw.prepare(`select id, start_at from appointments where status = 'booked'`).all() as Array<{ id: string; start_at: string }>;
    raw.close();
    const queue = new Queue(QUEUE_NAME, { connection: w.node.redis, prefix: `${w.prefix}bull` });
    const ratios: number[] = [];
    let caseRate = 0;
    let baseRate = 0;
    try {
      for (let round = 0; round < options.rounds; round++) {
        const jobs = (tag: string) =>
          rows.map((r) => ({ name: JOBS.appointmentReminder, data: { appointmentId: r.id, start: r.start_at }, opts: jobOptions({ jobId: `${tag}.${round}.${r.id}` }) }));

        // Baseline: the same jobs waiting, then a bare worker with a no-op processor drains them.
        await queue.obliterate({ force: true });
        for (let i = 0; i < rows.length; i += 5_000) await queue.addBulk(jobs('noop').slice(i, i + 5_000));
        let done = 0;
        const connection = connectRedis(REDIS_URL, { forWorker: true });
        const baseMs = await timed(async () => {
          const bare = new Worker(QUEUE_NAME, async () => {}, { connection, prefix: `${w.prefix}bull`, concurrency: WORKER_CONCURRENCY });
          bare.on('completed', () => done++);
          await waitFor(() => done >= rows.length, 'the bare worker');
          await bare.close();
        });
        connection.disconnect();

        // The case: the same number of reminder jobs, our worker, real mail to the listener.
        await queue.obliterate({ force: true });
        await w.node.deps.db.deleteFrom('email_deliveries').execute();
        for (let i = 0; i < rows.length; i += 5_000) await queue.addBulk(jobs('mail').slice(i, i + 5_000));
        const before = smtp.received();
        const workerConnection = connectRedis(REDIS_URL, { forWorker: true });
        const caseMs = await timed(async () => {
          const worker = startWorker(w.node.deps, workerConnection);
          await waitFor(() => smtp.received() - before >= rows.length, 'the reminders');
          await worker.close();
        });
        workerConnection.disconnect();
        baseRate = rows.length / (baseMs / 1000);
        caseRate = rows.length / (caseMs / 1000);
        ratios.push(caseRate / baseRate);
        say(`round ${round + 1}: ${Math.round(caseRate)} mails/s against ${Math.round(baseRate)} no-op jobs/s`);
      }
    } finally {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
    const ratio = median(ratios);
    return {
      name: `worker sending ${rows.length.toLocaleString('en')} reminders over SMTP (concurrency ${WORKER_CONCURRENCY})`,
      value: `${Math.round(caseRate).toLocaleString('en')} mails/s against ${Math.round(baseRate).toLocaleString('en')} no-op jobs/s: ${ratio.toFixed(2)}×`,
      target: `≥ ${TARGET}× bare BullMQ no-op processing`,
      verdict: ratio >= TARGET ? 'met' : 'missed',
    };
  } finally {
    await w.close();
    await smtp.close();
  }
}

/** Case 3: the export of a patient with many visits against iterating its rows raw; memory growth beside it. */
export async function exportRow(options: { visits: number; rounds: number }): Promise<Row> {
  const w = await world();
  try {
    say(`seeding a patient with ${options.visits} visits`);
    const patientId = seedPatientVisits(w.path, { visits: options.visits, before: RUN_AT });
    const raw = new SQLite(w.path, { readonly: true });
    // The raw side: the rows an export reads (visit, treatment, doctor, department), iterated with nothing done.
    const statement = raw.prepare(`select a.id, a.start_at, t.diagnosis, t.prescription, t.notes, t.next_visit, u.name as doctor_name, d.name as department_name
      from appointments a join treatments t on t.appointment_id = a.id join users u on u.id = a.doctor_id
      join doctors doc on doc.user_id = a.doctor_id join departments d on d.id = doc.department_id
      where a.patient_id = ? and a.status = 'completed' order by a.start_at`);
    const ratios: number[] = [];
    let caseRate = 0;
    let baseRate = 0;
    let growthMb = 0;
    try {
      for (let round = 0; round < options.rounds; round++) {
        const baseMs = await timed(async () => {
          let n = 0;
          for (const _ of statement.iterate(patientId)) n++;
          if (n !== options.visits) throw new Error(`raw iteration read ${n} rows`);
        });
        const exportId = newId();
        await w.node.deps.db
          .insertInto('exports')
          .values({ id: exportId, patient_id: patientId, status: 'queued', location: null, error: null, created_at: RUN_AT.toISOString(), finished_at: null, expires_at: null, progress: 0, total: null })
          .execute();
        global.gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
        const caseMs = await timed(() => buildExport(w.node.deps, exportId));
        clearInterval(sampler);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        growthMb = Math.max(growthMb, (heapPeak - heapBefore) / 1024 / 1024);
        baseRate = options.visits / (baseMs / 1000);
        caseRate = options.visits / (caseMs / 1000);
        ratios.push(caseRate / baseRate);
        say(`round ${round + 1}: ${Math.round(caseRate)} visits/s against ${Math.round(baseRate)} raw rows/s, heap growth ${growthMb.toFixed(1)} MB`);
      }
    } finally {
      raw.close();
    }
    const ratio = median(ratios);
    const met = ratio >= TARGET && growthMb < MEMORY_LIMIT_MB;
    return {
      name: `export of a patient with ${options.visits.toLocaleString('en')} visits (CSV and FHIR)`,
      value: `${Math.round(caseRate).toLocaleString('en')} visits/s against ${Math.round(baseRate).toLocaleString('en')} raw rows/s: ${ratio.toFixed(2)}×; heap growth ${growthMb.toFixed(1)} MB`,
      target: `≥ ${TARGET}× raw row iteration, < ${MEMORY_LIMIT_MB} MB growth`,
      verdict: met ? 'met' : 'missed',
    };
  } finally {
    await w.close();
  }
}
