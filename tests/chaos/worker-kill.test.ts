/**
 * Chaos: a worker process killed with SIGKILL in the middle of an email job, then restarted, does not send
 * twice (issue 9). Real parts: jobs/main.ts in a process of its own (worker and relay), the test database,
 * Redis under this world's prefix, a real SMTP listener. The job is the test-only mail job
 * (tests/support/test-mail-job.ts): it sends through shared/mail/deliver-once.ts like every email job.
 *
 * Where a kill can land, relative to deliverOnce's claim on the delivery log:
 *  1. before the claim: no row; the job runs again after the stall and sends once. (first test)
 *  2. after the claim, while the SMTP server has not yet accepted the message: the row says `sending`;
 *     the job runs again after the stall, finds a fresh claim and fails with DeliveryInFlight (retried
 *     with backoff), and once the claim is older than MAIL_CLAIM_STALE_SECONDS takes it over and sends
 *     once, with the same Message-ID. (second test: the listener holds the first message unanswered)
 *  3. after the server accepted and before the row is marked `sent`: a resend after the stale time. This
 *     window is a few milliseconds wide and is the one case a mail can go out twice; it then carries the
 *     same Message-ID, so a mail client shows it once. Not provoked here (it is the guarantee's stated edge,
 *     ADR 024), and no kill can make mail go out zero times.
 * BullMQ's stall detection (lock 30 s, check every 30 s) and the 60 s stale claim would make this take
 * minutes; JOB_STALL_SECONDS=2 and MAIL_CLAIM_STALE_SECONDS=4 (settings, for tests only) keep it short.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from '../../shared/ids';
import { writeOutbox } from '../../shared/jobs/outbox';
import { QUEUE_NAME } from '../../shared/runtime/node/bullmq-producer';
import { until } from '../support/background';
import { spawnWorkerProcess, type WorkerProcess } from '../support/job-worker-spawn';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';
import { TEST_MAIL_JOB } from '../support/test-mail-job';
import { useTestWorld } from '../support/test-deps';

const world = useTestWorld();
let queue: Queue;
const listeners: SmtpListener[] = [];
const running: WorkerProcess[] = [];
/** The same on every worker of the queue: a stall check takes a queue-wide turn for that long. */
const FAST = { JOB_STALL_SECONDS: '2', MAIL_CLAIM_STALE_SECONDS: '4' };

beforeAll(() => {
  queue = new Queue(QUEUE_NAME, { connection: world().redis, prefix: `${world().config.redisKeyPrefix}bull` });
});
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await queue?.close();
  for (const l of listeners) await l.close();
});

async function listener(options: Parameters<typeof startSmtpListener>[0]) {
  const l = await startSmtpListener(options);
  listeners.push(l);
  return l;
}

async function worker(smtp: SmtpListener) {
  const p = await spawnWorkerProcess(world(), { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, ...FAST });
  running.push(p);
  return p;
}

async function kill(p: WorkerProcess) {
  p.child.kill('SIGKILL');
  expect((await p.exited).signal).toBe('SIGKILL');
}

const stateOf = async (jobId: string) => (await queue.getJob(jobId))?.getState();
const deliveries = (subjectId: string) =>
  world().deps.db.selectFrom('email_deliveries').select(['status']).where('kind', '=', 'test_mail').where('subject_id', '=', subjectId).execute();

describe('a worker killed with SIGKILL mid-job and restarted', () => {
  test('killed before the delivery claim: the job runs again after the stall and the mail arrives once', async () => {
    const smtp = await listener({});
    const first = await worker(smtp);
    const subject = newId();
    const to = 'kill-before-claim@example.org';
    const jobId = await writeOutbox(world().deps.db, TEST_MAIL_JOB, { id: subject, to, waitMs: 3_000 }, new Date());
    await until(async () => (await stateOf(jobId)) === 'active', 15_000, 'the job to be in hand');
    await kill(first);
    // The kill landed in the job's wait, before deliverOnce: nothing claimed, nothing sent.
    expect(await deliveries(subject)).toEqual([]);
    expect(smtp.accepted).toEqual([]);

    const second = await worker(smtp);
    await until(async () => (await stateOf(jobId)) === 'completed', 45_000, 'the job to run again and complete');
    expect(smtp.accepted.map((m) => m.messageId)).toEqual([`<test_mail.${subject}@wardline>`]);
    expect(await deliveries(subject)).toEqual([{ status: 'sent' }]);
    expect((await queue.getJob(jobId))?.stalledCounter).toBe(1);
    await kill(second);
  }, 60_000);

  test('killed after the claim while the SMTP server holds the message: the claim goes stale, is taken over, and the mail arrives once', async () => {
    // The first message is held without an answer (a slow server): the kill lands while the sender waits.
    const smtp = await listener({ holdFirst: true });
    const first = await worker(smtp);
    const subject = newId();
    const to = 'kill-after-claim@example.org';
    const jobId = await writeOutbox(world().deps.db, TEST_MAIL_JOB, { id: subject, to }, new Date());
    await smtp.firstHeld;
    expect(await deliveries(subject)).toEqual([{ status: 'sending' }]);
    await kill(first);
    expect(smtp.accepted).toEqual([]);

    const second = await worker(smtp);
    await until(async () => (await stateOf(jobId)) === 'completed', 50_000, 'the job to run again and complete');
    // Held once (never accepted: the sender died waiting), accepted once, with the delivery's Message-ID.
    expect(smtp.held).toBe(1);
    expect(smtp.accepted.map((m) => m.messageId)).toEqual([`<test_mail.${subject}@wardline>`]);
    expect(await deliveries(subject)).toEqual([{ status: 'sent' }]);
    expect(second.output()).toContain('email claim of a dead attempt taken over');
    await kill(second);
  }, 70_000);
});
