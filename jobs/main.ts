/**
 * The worker on its own, for running jobs on another machine than the API (`node --import tsx jobs/main.ts`):
 * the BullMQ worker and the outbox relay, against the same database and Redis as the API. `npm start`
 * runs the same worker inside the local runner.
 *
 * SIGTERM/SIGINT: the relay stops, the jobs in hand finish within WORKER_SHUTDOWN_SECONDS and the process
 * exits 0; a job that does not finish in time is handed back (its lock lapses) and runs again on the next
 * worker (jobs/worker.ts closeWorker).
 */
import { ConfigError, loadConfig } from '../shared/config';
import { createNodeLogger, flushLogs } from '../shared/runtime/node/log-sink';
import { buildNodeDeps, connectRedis } from '../shared/runtime/node/build-deps';
import { environment } from '../shared/runtime/node/env-file';
import { closeWorker, startWorker } from './worker';
import { registerSchedulers } from './schedulers';

try {
  const config = loadConfig(environment());
  const log = createNodeLogger(config.logLevel, { service: 'wardline-worker' });
  const node = await buildNodeDeps(config, { log, migrate: true });
  const connection = connectRedis(config.redisUrl, { forWorker: true });
  const worker = startWorker(node.deps, connection);
  await registerSchedulers(node.deps, connection);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('worker stopping', { signal });
    const graceful = await closeWorker(worker, config.background.workerShutdownMs);
    if (graceful) {
      connection.disconnect();
      await node.close();
      log.info('worker stopped');
    } else {
      // Closing the database under a job still running could hang on its query: leave it to the exit.
      log.warn('jobs in hand did not finish in time; they run again on the next worker', { limitMs: config.background.workerShutdownMs });
    }
    flushLogs();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await worker.waitUntilReady();
  log.info('worker started');
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
