/**
 * `node --import tsx tests/support/job-worker-process.ts`: jobs/main.ts exactly as it runs on a machine of
 * its own (worker, relay, shutdown on SIGTERM), with the test-only mail job registered first. The spawning
 * test passes DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, SMTP_URL and the job settings in the environment.
 */
import { registerTestMailJob } from './test-mail-job';

registerTestMailJob();
await import('../../jobs/main');
