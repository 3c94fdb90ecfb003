/**
 * Chaos: an SMTP server that refuses for a while (451 to its first messages, as a busy or greylisting
 * server does) is retried with the job's backoff until it accepts, and the mail arrives once (issue 9).
 * Real parts: a BullMQ worker with the outbox relay on the test database and Redis, nodemailer, a real
 * SMTP listener. The job is the test-only mail job (tests/support/test-mail-job.ts), which sends through
 * the delivery log like every email job; a refused send gives its claim back so the retry sends at once.
 * Two refusals cost the backoff's first two steps: 5 s and 10 s.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from '../../shared/ids';
import { writeOutbox } from '../../shared/jobs/outbox';
import { startWorker } from '../../jobs/worker';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import { QUEUE_NAME } from '../../shared/runtime/node/bullmq-producer';
import { until } from '../support/background';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';
import { registerTestMailJob, TEST_MAIL_JOB } from '../support/test-mail-job';
import { createTestWorld, type TestWorld } from '../support/test-deps';

const REFUSALS = 2;
let smtp: SmtpListener;
let world: TestWorld;
let queue: Queue;
let stop: () => Promise<void>;
let unregister: () => void;

beforeAll(async () => {
  smtp = await startSmtpListener({ refuseFirst: REFUSALS });
  world = await createTestWorld({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  unregister = registerTestMailJob();
  const connection = connectRedis(world.config.redisUrl, { forWorker: true });
  const worker = startWorker(world.deps, connection);
  await worker.waitUntilReady();
  stop = async () => {
    await worker.close();
    connection.disconnect();
  };
  queue = new Queue(QUEUE_NAME, { connection: world.redis, prefix: `${world.config.redisKeyPrefix}bull` });
});
afterAll(async () => {
  await stop?.();
  unregister?.();
  await queue?.close();
  await world?.cleanup();
  await smtp?.close();
});

describe('an SMTP server refusing for a while', () => {
  test('is retried with backoff until it accepts, and the mail arrives once', async () => {
    const subject = newId();
    const jobId = await writeOutbox(world.deps.db, TEST_MAIL_JOB, { id: subject, to: 'greylisted@example.org' }, world.clock());
    await until(() => smtp.accepted.length > 0, 40_000, 'the server to accept the mail');
    await until(async () => (await queue.getJob(jobId))?.finishedOn !== undefined, 10_000, 'the job to complete');

    expect(smtp.refused).toBe(REFUSALS);
    expect(smtp.accepted.map((m) => [m.messageId, m.to])).toEqual([[`<test_mail.${subject}@wardline>`, ['greylisted@example.org']]]);
    const job = await queue.getJob(jobId);
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBe(REFUSALS + 1);
    // Each refusal was a failed attempt in the log, with the server's answer; the delivery log holds one `sent`.
    const failures = world.log.records.filter((r) => r.message === 'job failed' && r.fields?.jobId === jobId);
    expect(failures).toHaveLength(REFUSALS);
    expect(String(failures[0]!.fields?.error)).toContain('451');
    const rows = await world.deps.db.selectFrom('email_deliveries').select(['status']).where('kind', '=', 'test_mail').where('subject_id', '=', subject).execute();
    expect(rows).toEqual([{ status: 'sent' }]);
  }, 60_000);
});
