/**
 * Boots everything for local use, in this order: configuration → Redis → database and migrations →
 * admin account → (development, first start) the demo hospital → API on API_PORT (5000) → job worker → development mail inbox (SMTP 1025, web 8025)
 * → web app on WEB_PORT (3000). `--dev` serves the web app through Vite with hot reload instead of
 * the built files. SIGINT/SIGTERM drain requests in flight and close everything in reverse order.
 */
import { environment } from './shared/runtime/node/env-file';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bootstrapAdmin } from './shared/auth/bootstrap-admin';
import { ConfigError, loadConfig } from './shared/config';
import { createNodeLogger, flushLogs } from './shared/runtime/node/log-sink';
import { buildNodeDeps, connectRedis } from './shared/runtime/node/build-deps';
import { apiFetch, listen, webFetch } from './shared/runtime/node/http-server';
import { loadNodeApi } from './shared/runtime/node/node-api';
import { ensureRedis, RedisUnavailable } from './shared/runtime/node/redis-supervisor';
import { closeWorker, startWorker } from './jobs/worker';
import { registerSchedulers } from './jobs/schedulers';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { apiProcessCount, forkApiProcesses, runApiProcess } from './shared/runtime/node/api-processes';

const DRAIN_LIMIT_MS = 10_000;
const WORKER_CLOSE_MS = 5_000;
const dev = process.argv.includes('--dev');
/** What to close on the way out, most recently started first. */
const closers: Array<[string, () => Promise<unknown>]> = [];

async function closeAll(onError: (name: string, err: Error) => void) {
  for (const [name, close] of closers.splice(0)) {
    try {
      await close();
    } catch (err) {
      onError(name, err as Error);
    }
  }
}

async function main() {
  const config = loadConfig(environment());
  const log = createNodeLogger(config.logLevel, { service: 'wardline' });
  // Signals are taken from the start: with API processes of their own, the API answers before this process has
  // finished starting the worker and the web app, and a SIGTERM then must not kill it outright. One that comes
  // during start-up is kept and acted on once everything has started (each part then has its closer).
  let stop: ((signal: string) => Promise<void>) | null = null;
  let signalled: string | null = null;
  const onSignal = (signal: string) => {
    if (stop) void stop(signal);
    else signalled ??= signal;
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const stopRedis = await ensureRedis(config.redisUrl, config.dataDir, log);
  if (stopRedis) closers.unshift(['redis-server', stopRedis]);

  const node = await buildNodeDeps(config, { log, migrate: true });
  closers.unshift(['database and redis', () => node.close()]);
  const { deps } = node;

  const admin = await bootstrapAdmin(deps);
  if (admin.generatedPassword) {
    // Only its hash is stored. Printed at every start until the admin has signed in once.
    flushLogs();
    console.log(
      `\n  Admin account: ${config.admin.email} / ${admin.generatedPassword}\n` +
        `  (a new one is printed at each start until the admin signs in; set ADMIN_PASSWORD to choose it,\n` +
        `  or run "npm run admin:password" for a new one at any time)\n`,
    );
  }

  // Development only (not production, not tests): the first start fills the empty database with the
  // demo hospital, so a newcomer lands in a living one. Later starts see the departments and skip it.
  if (config.env === 'development' && !(await deps.db.selectFrom('departments').select('id').limit(1).executeTakeFirst())) {
    try {
      const { seedDemoHospital } = await import('./scripts/seed/demo-hospital');
      const seeded = await seedDemoHospital(deps);
      if (seeded.seeded) {
        const { doctor, patient, password } = seeded.signIns;
        flushLogs();
        console.log(
          `\n  Demo hospital seeded on this first start ("Demo hospital" in the README): sign in as doctor ${doctor.email} or patient ${patient.email} with the password "${password}".\n`,
        );
      }
    } catch (err) {
      // A demo that failed to appear must not keep the hospital from starting; the seed's one transaction left nothing.
      log.warn('demo hospital not seeded', { error: (err as Error).message });
    }
  }

  const { functions, api } = await loadNodeApi(resolve('functions'));
  const processes = apiProcessCount(config, availableParallelism());
  let apiPort: number;
  if (processes > 1) {
    // WEB_CONCURRENCY: API processes of their own on API_PORT (ADR 031); this one keeps the worker and the web app.
    const children = await forkApiProcesses(processes, log);
    closers.unshift(['api processes', () => children.stop(DRAIN_LIMIT_MS - 1_000)]);
    apiPort = config.apiPort;
  } else {
    const apiServer = await listen(apiFetch(api, deps), config.apiPort);
    closers.unshift(['api', () => apiServer.close()]);
    apiPort = apiServer.port;
  }
  log.info(`API on http://localhost:${apiPort}/api`, { functions: functions.map((f) => f.name), processes });

  // RUN_JOBS=false: jobs/main.ts runs the worker and the schedulers as processes of their own (docs/deploy.md).
  if (config.runJobs) {
    const workerConnection = connectRedis(config.redisUrl, { forWorker: true });
    const worker = startWorker(deps, workerConnection);
    await registerSchedulers(deps, workerConnection);
    closers.unshift([
      'worker',
      async () => {
        // The jobs in hand may finish within WORKER_CLOSE_MS; past it the process exits anyway, their locks lapse
        // and the next worker runs them again (jobs/worker.ts closeWorker). A graceful close with Redis gone
        // would wait forever: the limit covers that too.
        if (!(await closeWorker(worker, WORKER_CLOSE_MS))) log.warn('jobs in hand did not finish in time; they run again on the next start');
        workerConnection.disconnect();
      },
    ]);
  }

  let inboxPort: number | null = null;
  if (config.env !== 'production') {
    try {
      // Loaded only when used: production starts no inbox and should not pay for loading one.
      const { startMailInbox } = await import('./shared/runtime/node/mail-inbox');
      const inbox = await startMailInbox({ smtpPort: config.mailInbox.smtpPort, httpPort: config.mailInbox.httpPort });
      closers.unshift(['mail inbox', () => inbox.close()]);
      inboxPort = inbox.httpPort;
      log.info(`Mail inbox on http://localhost:${inbox.httpPort} (SMTP on ${inbox.smtpPort})`);
    } catch (err) {
      log.warn('mail inbox not started (is another mail catcher on these ports?)', { error: (err as Error).message });
    }
  }

  let webPort: number;
  if (dev) {
    const { startViteDev } = await import('./shared/runtime/node/vite-dev-server');
    const webServer = await startViteDev(api, deps, config.webPort);
    closers.unshift(['web (vite)', () => webServer.close()]);
    webPort = webServer.port;
  } else {
    if (!existsSync('web/dist/index.html')) log.warn('web/dist is missing: run "npm run build" (npm start does it for you)');
    const webServer = await listen(webFetch(api, deps, 'web/dist'), config.webPort);
    closers.unshift(['web', () => webServer.close()]);
    webPort = webServer.port;
  }
  log.info(`Web app on http://localhost:${webPort}`);
  log.info('Wardline is up', { api: apiPort, web: webPort, dev });
  // For the person at the terminal, after the JSON lines: one plain sentence with where to go.
  const inboxPart = inboxPort === null ? '' : `, mail inbox http://localhost:${inboxPort}`;
  flushLogs();
  console.log(`Wardline is up: open http://localhost:${webPort} (API http://localhost:${apiPort}/api${inboxPart}).`);

  let stopping = false;
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    const force = setTimeout(() => {
      log.error('drain took too long; exiting');
      process.exit(1);
    }, DRAIN_LIMIT_MS);
    force.unref();
    // Servers first (they finish requests in flight), then the worker, then what they all used. The API
    // comes first of all: its requests in flight get the most of the drain limit.
    const apiFirst = closers.findIndex(([name]) => name === 'api' || name === 'api processes');
    if (apiFirst >= 0) closers.unshift(...closers.splice(apiFirst, 1));
    await closeAll((name, err) => log.warn(`closing ${name} failed`, { error: err.message }));
    log.info('stopped');
    process.exit(0);
  };
  if (signalled) void stop(signalled);
}

// A forked API process (WEB_CONCURRENCY > 1) serves the API alone; the primary runs everything else.
const entry = cluster.isWorker && process.env.WARDLINE_API_PROCESS === '1' ? () => runApiProcess(loadConfig(environment())) : main;

entry().catch(async (err: unknown) => {
  // Whatever did start (a redis-server of ours, say) must not outlive a failed start.
  await closeAll(() => {});
  flushLogs();
  if (err instanceof ConfigError || err instanceof RedisUnavailable) {
    console.error(err.message);
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`A port is already in use (${(err as Error).message}). Stop the other program or set API_PORT / WEB_PORT.`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
