/**
 * WEB_CONCURRENCY > 1 (ADR 031): the runner's primary process forks that many API processes with node:cluster,
 * all listening on API_PORT (the primary accepts and hands connections out round-robin; Node 20 has no
 * `reusePort`). Each builds its own database pool and Redis connections and never migrates: the primary did
 * that once before forking. An API process that dies is replaced, with a growing delay so a crash loop does
 * not spin. On shutdown each one stops accepting, finishes the requests in flight and closes what it opened.
 */
import cluster, { type Worker } from 'node:cluster';
import { resolve } from 'node:path';
import type { Config } from '../../config';
import type { Logger } from '../deps';
import { buildNodeDeps } from './build-deps';
import { apiFetch, listen } from './http-server';
import { createNodeLogger, flushLogs } from './log-sink';
import { loadNodeApi } from './node-api';

/** How many API processes: WEB_CONCURRENCY, else one a core in production and one otherwise. */
export function apiProcessCount(config: Pick<Config, 'webConcurrency' | 'env'>, cores: number): number {
  return config.webConcurrency ?? (config.env === 'production' ? cores : 1);
}

const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
/** A process that lived this long was healthy: the next restart starts from the first delay again. */
const HEALTHY_AFTER_MS = 60_000;
/** On shutdown, idle keep-alive connections are closed this long after the server stops accepting (and again after as long). */
const IDLE_GRACE_MS = 500;

export interface ApiProcesses {
  pids(): number[];
  /** Stops every API process (SIGTERM: they drain) and resolves once all have exited; kills what is left at `limitMs`. */
  stop(limitMs: number): Promise<void>;
}

/** In the primary: forks `count` API processes and resolves once every one is listening. */
export async function forkApiProcesses(count: number, log: Logger): Promise<ApiProcesses> {
  let stopping = false;
  let delay = RESTART_FIRST_MS;
  const workers = new Set<Worker>();

  const fork = () =>
    new Promise<Worker>((ready, fail) => {
      const worker = cluster.fork({ WARDLINE_API_PROCESS: '1' });
      const born = Date.now();
      workers.add(worker);
      worker.once('listening', () => ready(worker));
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        fail(new Error(`an API process exited before it listened (code ${code}, signal ${signal})`));
        if (stopping) return;
        if (Date.now() - born > HEALTHY_AFTER_MS) delay = RESTART_FIRST_MS;
        log.error('an API process died; starting another', { pid: worker.process.pid, code, signal, inMs: delay });
        const timer = setTimeout(() => {
          if (!stopping) fork().then((w) => log.info('API process replaced', { pid: w.process.pid }), () => {});
        }, delay);
        timer.unref();
        delay = Math.min(delay * 2, RESTART_MAX_MS);
      });
    });

  const started = await Promise.all(Array.from({ length: count }, fork));
  log.info(`${count} API processes started`, { pids: started.map((w) => w.process.pid) });

  return {
    pids: () => [...workers].map((w) => w.process.pid!).filter(Boolean),
    async stop(limitMs) {
      stopping = true;
      const exits = [...workers].map((w) => new Promise<void>((done) => (w.isDead() ? done() : w.once('exit', () => done()))));
      for (const w of workers) w.process.kill('SIGTERM');
      const timer = setTimeout(() => {
        for (const w of workers) {
          log.warn('an API process did not drain in time; killing it', { pid: w.process.pid });
          w.process.kill('SIGKILL');
        }
      }, limitMs);
      await Promise.all(exits);
      clearTimeout(timer);
    },
  };
}

/** In a forked API process: serve the API on API_PORT until SIGTERM or SIGINT, then drain and exit 0. */
export async function runApiProcess(config: Config): Promise<void> {
  // The pid names which of the API processes wrote each line (a request's line says who served it).
  const log = createNodeLogger(config.logLevel, { service: 'wardline-api', pid: process.pid });
  const node = await buildNodeDeps(config, { log, migrate: false });
  const { api } = await loadNodeApi(resolve('functions'));
  const server = await listen(apiFetch(api, node.deps), config.apiPort);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('API process stopping', { signal, pid: process.pid });
    // Stop accepting; requests in flight finish. Idle keep-alive connections are closed after a short grace,
    // not at once: a connection just handed over by the primary may hold a request not yet read, which would
    // count as idle and be reset. Then the pools and connections close. The primary kills us past its limit.
    await new Promise<void>((done) => {
      server.server.close(() => done());
      const idle = setInterval(() => server.server.closeIdleConnections(), IDLE_GRACE_MS);
      idle.unref();
    });
    await node.close().catch((err: Error) => log.warn('closing the database and Redis failed', { error: err.message }));
    flushLogs();
    process.exit(0);
  };
  // SIGINT too: Ctrl-C at a terminal reaches every process of the group, the primary's children included.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The primary gone (killed outright): nothing would stop us any more.
  process.on('disconnect', () => void stop('primary gone'));
}
