/**
 * The worker on its own, for running jobs on another machine than the API (`node --import tsx jobs/main.ts`).
 * `npm start` runs the same worker inside the local runner.
 */
import { ConfigError, loadConfig } from '../shared/config';
import { createNodeLogger } from '../shared/runtime/node/log-sink';
import { buildNodeDeps, connectRedis } from '../shared/runtime/node/build-deps';
import { environment } from '../shared/runtime/node/env-file';
import { startWorker } from './worker';
import { registerSchedulers } from './schedulers';

try {
  const config = loadConfig(environment());
  const log = createNodeLogger(config.logLevel, { service: 'wardline-worker' });
  const node = await buildNodeDeps(config, { log, migrate: true });
  const connection = connectRedis(config.redisUrl, { forWorker: true });
  const worker = startWorker(node.deps, connection);
  await registerSchedulers(node.deps, connection);
  log.info('worker started');
  const stop = async () => {
    await worker.close();
    connection.disconnect();
    await node.close();
    log.info('worker stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
