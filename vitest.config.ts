import solid from 'vite-plugin-solid';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { findPostgres, postgresCandidates, redactUrl } from './tests/support/postgres.ts';
import type { SummaryOptions } from './tests/support/summary-reporter.ts';

const ALL = ['functions/**/*.test.ts', 'shared/**/*.test.ts', 'jobs/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'];
/** The web app's own tests: compiled with Solid's JSX transform and the browser builds of Solid (happy-dom per file). */
const WEB = ['web/**/*.test.ts', 'web/**/*.test.tsx'];

/**
 * The suites that run a second time on PostgreSQL: everything beside the code that may touch the
 * database through the test world (or createTestDatabase), the test world's own test, and the booking
 * races (their worker processes open the test world's database by its URL). Not the rest
 * of tests/ (the runner, the browser and the Worker suites start processes or runtimes of their own)
 * and not web/ (a project of its own).
 */
const DATABASE_SUITES = [
  'functions/**/*.test.ts',
  'shared/**/*.test.ts',
  'jobs/**/*.test.ts',
  'scripts/**/*.test.ts',
  'tests/support/test-world.test.ts',
  'tests/guard/**/*.test.ts',
  'tests/race/booking-race.test.ts',
  'tests/chaos/worker-kill.test.ts',
  'tests/chaos/redis-outage-booking.test.ts',
  'tests/chaos/smtp-refusal.test.ts',
  // Several machines on one PostgreSQL: the postgres project alone (the sqlite project leaves it out).
  'tests/scale/cross-process.test.ts',
];
/** Suites there that never open a database: running them twice proves nothing. A new one may be added here. */
const NO_DATABASE = [
  // SQLite's online backup API; PostgreSQL is backed up with pg_dump (the test checks the command says so).
  'scripts/backup.test.ts',
  'shared/auth/password-policy.test.ts',
  'shared/auth/totp.test.ts',
  'shared/config.test.ts',
  'shared/domain/slots.test.ts',
  'shared/domain/zoned-time.test.ts',
  'shared/jobs/scheduled.test.ts',
  'shared/http/errors.test.ts',
  'shared/http/unknown-fields.test.ts',
  'shared/http/web-headers.test.ts',
  'shared/net/trust-proxy.test.ts',
  'shared/runtime/node/env-file.test.ts',
  'shared/runtime/node/log-sink.test.ts',
  'shared/runtime/logger.test.ts',
  'shared/runtime/node/mail-inbox.test.ts',
  'shared/runtime/node/smtp-mailer.test.ts',
  'shared/runtime/node/redis-cache.test.ts',
  'shared/runtime/node/redis-supervisor.test.ts',
  'tests/worker/queue-consumer.test.ts',
  'tests/worker/outbox-relay.test.ts',
];

const ONCE = Symbol.for('wardline.test.postgres');

/**
 * House rule: every function test runs on SQLite and on PostgreSQL. Without a server the postgres
 * project is left out with one notice, unless REQUIRE_POSTGRES=1 (CI), which makes it an error.
 * Vitest loads this file more than once a run (again for the projects that extend it): probe and
 * print once per process.
 */
function postgresForThisRun(): Promise<{ url: string | null; where: string }> {
  const g = globalThis as typeof globalThis & { [ONCE]?: Promise<{ url: string | null; where: string }> };
  g[ONCE] ??= (async () => {
    const candidates = postgresCandidates();
    const where = candidates.map(redactUrl).join(' or ');
    const url = await findPostgres(candidates);
    if (!url && process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL does not answer at ${where}: the postgres tests cannot run.`);
    }
    if (!url) {
      process.stderr.write(
        `\nNOTICE: PostgreSQL does not answer at ${where}, so the postgres project is skipped and the function ` +
          'tests run on SQLite only. Start PostgreSQL on 127.0.0.1:5432 (database `test`, trust auth) or set ' +
          'TEST_DATABASE_URL to run them on both (REQUIRE_POSTGRES=1 makes this an error).\n\n',
      );
    }
    return { url, where };
  })();
  return g[ONCE];
}

export default defineConfig(async () => {
  const { url: postgres, where } = await postgresForThisRun();

  const summaryOptions: SummaryOptions = postgres ? {} : { notRun: { postgres: `PostgreSQL does not answer at ${where}` } };
  const summaryReporter: [string, SummaryOptions] = ['./tests/support/summary-reporter.ts', summaryOptions];
  const sqliteProject: TestProjectInlineConfiguration = {
    extends: true,
    test: {
      name: { label: 'sqlite', color: 'green' },
      include: ALL,
      exclude: [...configDefaults.exclude, 'shared/db/postgres.test.ts', 'tests/scale/cross-process.test.ts'],
      env: { TEST_DB: 'sqlite' },
    },
  };
  const webProject: TestProjectInlineConfiguration = {
    extends: true,
    plugins: [solid()],
    test: {
      name: { label: 'web', color: 'magenta' },
      include: WEB,
    },
  };
  const postgresProject: TestProjectInlineConfiguration = {
    extends: true,
    test: {
      name: { label: 'postgres', color: 'blue' },
      include: DATABASE_SUITES,
      exclude: [...configDefaults.exclude, ...NO_DATABASE, 'shared/db/sqlite.test.ts'],
      // The server found above: the test processes use it rather than trying each candidate again.
      env: { TEST_DB: 'postgres', TEST_DATABASE_URL: postgres ?? '' },
    },
  };

  return {
    test: {
      environment: 'node',
      reporters: [
        'default',
        summaryReporter,
      ],
      testTimeout: 30_000,
      hookTimeout: 120_000,
      // Two cores: argon2, child processes and the browser are heavy; two workers keep the machine responsive.
      // One pool serves both projects, so this is the limit for the whole run.
      maxWorkers: 2,
      projects: postgres ? [sqliteProject, webProject, postgresProject] : [sqliteProject, webProject],
    },
  };
});
