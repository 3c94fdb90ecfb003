/**
 * The job worker's memory (issue 12: peak RSS ≤ 250 MB under the reminder and export loads). A real worker
 * process, as a deployment runs it (`npm run worker` in production: the bundle `dist/node/jobs.js` with the
 * heap flags of scripts/worker.sh), on a SQLite file and a Redis prefix of its own: the daily-reminders run for a day of
 * `reminders` booked visits (every one mailed to an SMTP listener) and, at the same time, the export of a
 * patient with `visits` visits. Its resident memory is sampled from the moment the jobs are queued until the
 * last mail is accepted and the export is done.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JOBS } from '../../shared/jobs/names';
import { migrateToLatest } from '../../shared/db/migrate';
import { QUEUE_NAME, jobOptions } from '../../shared/runtime/node/bullmq-producer';
import { openDatabase } from '../../shared/runtime/node/database';
import { newId } from '../../shared/ids';
import { deleteKeys } from '../support/redis-keys';
import { countingSmtp } from './background';
import { seedPatientVisits, seedReminderDay } from './background-data';
import { peakRssDuring, ROOT, THREADS } from './processes';
import type { Row } from './report';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const WORKER_RSS_LIMIT_MB = 250;
const RUN_AT = new Date('2027-01-10T08:00:00.000Z');
const DAY_START = new Date('2027-01-11T00:00:00.000Z');

export async function workerMemoryRow(options: { reminders: number; visits: number }): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-bench-worker-'));
  const path = join(dir, 'bench.db');
  const prefix = `bench:worker:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
  const smtp = await countingSmtp();
  const db = openDatabase({ kind: 'sqlite', path });
  await migrateToLatest(db);
  const reminders = seedReminderDay(path, { appointments: options.reminders, dayStart: DAY_START });
  const patientId = seedPatientVisits(path, { visits: options.visits, before: RUN_AT });
  const exportId = newId();
  await db
    .insertInto('exports')
    .values({ id: exportId, patient_id: patientId, status: 'queued', location: null, error: null, created_at: RUN_AT.toISOString(), finished_at: null, expires_at: null, progress: 0, total: null })
    .execute();

  // As a deployment starts it: `npm run worker` (scripts/worker.sh execs node, so this pid is the worker's).
  const child = spawn('sh', [join(ROOT, 'scripts/worker.sh')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: path,
      DATA_DIR: dir,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      HOSPITAL_TIMEZONE: 'UTC',
      SECRET_KEY: 'bench secret key, long enough to sign device cookies',
      ADMIN_PASSWORD: 'steady load on the night shift',
      LOG_LEVEL: 'warn',
      UV_THREADPOOL_SIZE: THREADS,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: `${prefix}bull` });
  try {
    // Ready once its queue exists in Redis (the worker registers its schedulers at start).
    const ready = Date.now() + 60_000;
    while ((await queue.getJobSchedulers()).length === 0) {
      if (child.exitCode !== null || Date.now() > ready) throw new Error(`the worker did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const exportDone = async () => (await db.selectFrom('exports').select('status').where('id', '=', exportId).executeTakeFirstOrThrow()).status;
    const { peakMb } = await peakRssDuring(child.pid!, async () => {
      await queue.add(JOBS.dailyReminders, { now: RUN_AT.toISOString() }, jobOptions({ jobId: 'bench-daily-reminders' }));
      await queue.add(JOBS.exportHistory, { exportId }, jobOptions({ jobId: 'bench-export' }));
      const deadline = Date.now() + 600_000;
      // Every reminder and the export's mail accepted, and the export done.
      while (smtp.received() < reminders + 1 || (await exportDone()) !== 'done') {
        if (child.exitCode !== null) throw new Error(`the worker exited:\n${output}`);
        if ((await exportDone()) === 'failed') throw new Error(`the export failed:\n${output}`);
        if (Date.now() > deadline) throw new Error(`the worker did not finish in 10 minutes (${smtp.received()} mails):\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    return {
      name: `worker peak RSS: ${reminders.toLocaleString('en')} reminders and a ${options.visits.toLocaleString('en')}-visit export`,
      value: peakMb === null ? 'n/a' : `${peakMb.toFixed(0)} MB`,
      target: `≤ ${WORKER_RSS_LIMIT_MB} MB`,
      verdict: peakMb === null ? 'not measured (no /proc)' : peakMb <= WORKER_RSS_LIMIT_MB ? 'met' : 'missed',
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    await queue.close();
    redis.disconnect();
    await db.destroy();
    await smtp.close();
    await deleteKeys(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}
