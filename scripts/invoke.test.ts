import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bootstrapAdmin } from '../shared/auth/bootstrap-admin';
import { loadConfig } from '../shared/config';
import { buildNodeDeps } from '../shared/runtime/node/build-deps';
import { TEST_REDIS_URL, memoryLogger } from '../tests/support/test-deps';
import { describeScheduledRun, invoke, invokeScheduled } from './invoke';
import { JOBS } from '../shared/jobs/names';
import { listFunctionFiles, functionName } from '../shared/runtime/node/load-functions';
import { insertAppointment } from '../tests/support/booking';
import { createDoctor } from '../tests/support/doctors';
import { createPatient } from '../tests/support/doctor-work';
import { readQueue } from '../tests/support/queue';
import { scanKeys } from '../tests/support/redis-keys';
import { createTestDatabase, type TestDatabase } from '../tests/support/test-database';

const ADMIN_EMAIL = 'admin@hospital.local';
const ADMIN_PASSWORD = 'correct horse battery staple';

let database: TestDatabase;
let env: Record<string, string>;
let prefix: string;
let redis: Redis;
let adminId: string;
/** A booked visit on 2 December 2026 (UTC, the default zone): what daily-reminders for 1 December picks. */
let appointmentId: string;

/** Every key of this file's prefix. */
const keysOfPrefix = (match = '*') => scanKeys(redis, `${prefix}${match}`);

beforeAll(async () => {
  // A SQLite file, or a PostgreSQL schema in the postgres project: invoke and its child process open it by URL.
  database = await createTestDatabase();
  prefix = `test:invoke:${Math.random().toString(36).slice(2, 10)}:`;
  env = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  redis = new Redis(TEST_REDIS_URL);
  // The admin account, made the way the runner makes it, in the database invoke will open.
  const node = await buildNodeDeps(loadConfig(env), { migrate: true, log: memoryLogger() });
  try {
    expect((await bootstrapAdmin(node.deps)).created).toBe(true);
    adminId = (await node.deps.db.selectFrom('users').select('id').where('email', '=', ADMIN_EMAIL).executeTakeFirstOrThrow()).id;
    const doctor = await createDoctor(node.deps);
    const patient = await createPatient(node.deps);
    appointmentId = await insertAppointment(node.deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-12-02T09:00:00.000Z' });
  } finally {
    await node.close();
  }
});

afterAll(async () => {
  if (redis) {
    const keys = await keysOfPrefix();
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  await database?.drop();
});

describe('invoke', () => {
  test('auth/me --as the admin answers 200 with the admin user', async () => {
    const { status, body } = await invoke(['auth/me', '--as', ADMIN_EMAIL], env);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ user: { id: adminId, role: 'admin', name: 'Administrator', email: ADMIN_EMAIL }, mfaEnabled: false });
  });

  test('--as takes the email in any letter case and with stray spaces', async () => {
    const { status, body } = await invoke(['auth/me', '--as', '  Admin@Hospital.LOCAL '], env);
    expect(status).toBe(200);
    expect(JSON.parse(body).user.id).toBe(adminId);
  });

  test('the session made for --as is gone afterwards', async () => {
    const before = new Set(await keysOfPrefix('session:*'));
    await invoke(['auth/me', '--as', ADMIN_EMAIL], env);
    const after = await keysOfPrefix('session:*');
    expect(after.filter((key) => !before.has(key))).toEqual([]);
    expect(await redis.smembers(`${prefix}user-sessions:${adminId}`)).toEqual([]);
  });

  test('without --as, auth/me answers 401 like any anonymous call', async () => {
    const { status, body } = await invoke(['auth/me'], env);
    expect(status).toBe(401);
    expect(JSON.parse(body).error.code).toBe('unauthenticated');
  });

  test('auth/login --json posts the body and answers 200 with the user', async () => {
    const { status, body } = await invoke(['auth/login', '--json', JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })], env);
    expect(status).toBe(200);
    expect(JSON.parse(body).user).toEqual({ id: adminId, role: 'admin', name: 'Administrator', email: ADMIN_EMAIL });
  });

  test('auth/login with a wrong password answers 401 with the error envelope', async () => {
    const { status, body } = await invoke(['auth/login', '--json', JSON.stringify({ email: ADMIN_EMAIL, password: 'not the right one at all' })], env);
    expect(status).toBe(401);
    expect(JSON.parse(body).error.code).toBe('unauthenticated');
  });

  test('health answers 200 with the database and Redis ok', async () => {
    const { status, body } = await invoke(['health'], env);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
  });

  test('an unknown function name fails with a usage message', async () => {
    await expect(invoke(['auth/no-such-thing'], env)).rejects.toThrow(/no function file functions\/auth\/no-such-thing\.ts\nusage: npm run invoke -- <area\/name>/);
  });

  test('no function name at all fails with the usage message', async () => {
    await expect(invoke([], env)).rejects.toThrow(/^usage: npm run invoke -- <area\/name>/);
  });

  test('--as with an email nobody has fails and says so', async () => {
    await expect(invoke(['auth/me', '--as', 'nobody@example.org'], env)).rejects.toThrow('no user with the email nobody@example.org');
  });

  test('a bad setting in the environment fails with the configuration message', async () => {
    await expect(invoke(['health'], { ...env, REDIS_URL: 'http://nope' })).rejects.toThrow('Configuration error: REDIS_URL must be a redis:// URL');
  });

  test('an unknown option fails with a usage message that names it', async () => {
    await expect(invoke(['health', '--bogus'], env)).rejects.toThrow(/Unknown option '--bogus'[\s\S]*\nusage: npm run invoke -- <area\/name>/);
  });

  test('npm run invoke -- health prints HTTP 200 and the JSON body', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'invoke', '--', 'health'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('HTTP 200');
    expect(JSON.parse(lines.slice(1).join('\n'))).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
  });
});

describe('invoke, for a scheduled function', () => {
  const reminderId = () => `reminder.${appointmentId}.${Date.parse('2026-12-02T09:00:00.000Z')}`;

  test('scheduled/daily-reminders --now runs it once for that moment and answers what it enqueued; again, the queue keeps one', async () => {
    const run = await invokeScheduled(['scheduled/daily-reminders', '--now', '2026-12-01T08:00:00Z'], env);
    expect(run).toEqual({
      name: 'scheduled/daily-reminders',
      now: '2026-12-01T08:00:00.000Z',
      enqueued: 1,
      jobs: [{ name: JOBS.appointmentReminder, jobId: reminderId(), payload: { appointmentId, start: '2026-12-02T09:00:00.000Z' } }],
    });
    expect(describeScheduledRun(run)).toContain(`${JOBS.appointmentReminder} ${reminderId()}`);
    await invokeScheduled(['scheduled/daily-reminders', '--now', '2026-12-01T08:00:00Z'], env);
    const reader = readQueue({ redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix });
    try {
      expect((await reader.jobsNamed(JOBS.appointmentReminder)).map((job) => job.id)).toEqual([reminderId()]);
    } finally {
      await reader.close();
    }
  });

  test('another moment picks another day: nothing booked on 3 December', async () => {
    expect((await invokeScheduled(['scheduled/daily-reminders', '--now', '2026-12-02T08:00:00Z'], env)).enqueued).toBe(0);
  });

  test('--now must be an instant with its zone; HTTP options and unknown names are refused', async () => {
    await expect(invokeScheduled(['scheduled/daily-reminders', '--now', '2026-12-01T08:00'], env)).rejects.toThrow('--now must be an ISO instant with a zone');
    await expect(invokeScheduled(['scheduled/daily-reminders', '--now', 'tomorrow'], env)).rejects.toThrow('--now must be an ISO instant with a zone');
    await expect(invokeScheduled(['scheduled/daily-reminders', '--as', ADMIN_EMAIL], env)).rejects.toThrow('--as does not apply to a scheduled function');
    await expect(invokeScheduled(['scheduled/no-such-thing'], env)).rejects.toThrow('no scheduled function functions/scheduled/no-such-thing.ts');
    await expect(invoke(['scheduled/daily-reminders'], env)).rejects.toThrow('scheduled/daily-reminders is a scheduled function');
    await expect(invoke(['health', '--now', '2026-12-01T08:00:00Z'], env)).rejects.toThrow('--now is for scheduled functions');
  });

  test('functions/scheduled/ is not in the list of HTTP function files the runner and the builds mount', () => {
    const root = join(import.meta.dirname, '../functions');
    const names = listFunctionFiles(root).map((file) => functionName(root, file));
    expect(names).toContain('auth/login');
    expect(names.filter((name) => name.startsWith('scheduled/'))).toEqual([]);
  });

  test('npm run invoke -- scheduled/monthly-reports --now prints what it enqueued and exits 0', async () => {
    const { code, stdout } = await npmInvoke(['scheduled/monthly-reports', '--now', '2026-12-01T06:00:00Z']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('scheduled/monthly-reports for 2026-12-01T06:00:00.000Z: enqueued 1 job (a job id already queued is kept once)');
    expect(lines[1]).toMatch(new RegExp(`^  ${JOBS.monthlyReport.replace('.', '\\.')} report\\.\\S+\\.2026-11 \\{"doctorId":"\\S+","month":"2026-11"\\}$`));
  });
});

/** Runs `npm run invoke -- ...args` as a person would, answering its exit code and output. */
async function npmInvoke(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'invoke', '--', ...args], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('npm run invoke, asked for help or given a wrong option', () => {
  test.each([['--help'], ['-h']])('%s prints the usage with the function files that exist and exits 0', async (flag) => {
    const { code, stdout, stderr } = await npmInvoke([flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run invoke -- <area\/name> \[--as EMAIL\]/);
    const listed = stdout.split('\n').map((line) => line.trim());
    for (const name of ['auth/login', 'auth/me', 'health', 'scheduled/daily-reminders', 'scheduled/monthly-reports']) expect(listed).toContain(name);
    // Listed under their own heading, after the HTTP ones.
    expect(stdout.indexOf('scheduled/daily-reminders')).toBeGreaterThan(stdout.indexOf('Scheduled functions'));
    expect(stdout).toContain('--now ISO');
    expect(listed).not.toContain('auth/login.test');
    expect(stdout).toContain('--as EMAIL');
    expect(stderr).toBe('');
  });

  test('with no arguments it prints the usage, the function files included, and exits 2 without a stack trace', async () => {
    const { code, stdout, stderr } = await npmInvoke([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^usage: npm run invoke -- <area\/name>/);
    expect(stderr.split('\n').map((line) => line.trim())).toContain('auth/me');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown option prints what is wrong and the usage, and exits 2 without a stack trace', async () => {
    const { code, stdout, stderr } = await npmInvoke(['health', '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Unknown option '--bogus'/);
    expect(stderr).toContain('usage: npm run invoke -- <area/name>');
    expect(stderr).not.toMatch(/\n\s+at |TypeError|ERR_PARSE_ARGS/);
  });
});
