/**
 * jobs/main.ts as it runs on a machine of its own: a real process with the worker and the relay, a real
 * SMTP listener, a job slow enough to be in hand when SIGTERM arrives.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeOutbox } from '../shared/jobs/outbox';
import { newId } from '../shared/ids';
import { QUEUE_NAME } from '../shared/runtime/node/bullmq-producer';
import { until } from '../tests/support/background';
import { spawnWorkerProcess, type WorkerProcess } from '../tests/support/job-worker-spawn';
import { startSmtpListener, type SmtpListener } from '../tests/support/smtp-listener';
import { TEST_MAIL_JOB } from '../tests/support/test-mail-job';
import { useTestWorld } from '../tests/support/test-deps';

const world = useTestWorld();
let smtp: SmtpListener;
let queue: Queue;
const running: WorkerProcess[] = [];

beforeAll(async () => {
  smtp = await startSmtpListener();
  queue = new Queue(QUEUE_NAME, { connection: world().redis, prefix: `${world().config.redisKeyPrefix}bull` });
});
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await queue?.close();
  await smtp?.close();
});

/**
 * Every worker on a queue must share JOB_STALL_SECONDS: a stall check takes a queue-wide turn for that long
 * (BullMQ's stalled-check key), so one worker at the 30 s default would hold the others' checks back.
 */
async function worker(env: Record<string, string>) {
  const p = await spawnWorkerProcess(world(), { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOB_STALL_SECONDS: '2', ...env });
  running.push(p);
  return p;
}

/** Writes a test mail job to the outbox (the worker's relay hands it over); answers its job id. */
async function outboxMail(to: string, waitMs: number): Promise<string> {
  const id = newId();
  return writeOutbox(world().deps.db, TEST_MAIL_JOB, { id, to, waitMs }, new Date());
}

async function state(jobId: string) {
  return (await queue.getJob(jobId))?.getState();
}

describe('jobs/main.ts on SIGTERM', () => {
  test('the job in hand finishes, its mail goes out once, and the process exits 0', async () => {
    const p = await worker({ WORKER_SHUTDOWN_SECONDS: '20' });
    const to = 'slow-job@example.org';
    const jobId = await outboxMail(to, 1_500);
    // The relay in the process handed the outbox row over and the job is running (waiting before its claim).
    await until(async () => (await state(jobId)) === 'active', 15_000, 'the job to be in hand');
    p.child.kill('SIGTERM');
    const { code, signal } = await p.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await state(jobId)).toBe('completed');
    expect(smtp.accepted.filter((m) => m.to.includes(to))).toHaveLength(1);
    expect(p.output()).toContain('worker stopped');
  });

  test('a job longer than WORKER_SHUTDOWN_SECONDS is handed back: the process exits 0 at once and the next worker runs it, mailing once', async () => {
    const p = await worker({ WORKER_SHUTDOWN_SECONDS: '1' });
    const to = 'long-job@example.org';
    const jobId = await outboxMail(to, 6_000);
    await until(async () => (await state(jobId)) === 'active', 15_000, 'the job to be in hand');
    p.child.kill('SIGTERM');
    const { code, signal } = await p.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(p.output()).toContain('jobs in hand did not finish in time');
    // Killed during its wait, before its claim: nothing was sent, the job is still "active" with a lapsing lock.
    expect(smtp.accepted.filter((m) => m.to.includes(to))).toHaveLength(0);
    expect(await state(jobId)).toBe('active');

    const next = await worker({});
    await until(async () => (await state(jobId)) === 'completed', 40_000, 'the handed-back job to run again');
    expect(smtp.accepted.filter((m) => m.to.includes(to))).toHaveLength(1);
    expect((await queue.getJob(jobId))?.stalledCounter).toBe(1);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
  }, 60_000);
});
