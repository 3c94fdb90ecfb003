/**
 * Builds Deps from a Worker's bindings: D1 for the database, KV for the cache and sessions, a Queue for
 * jobs, pure-JS argon2id for passwords. The Worker-side counterpart of shared/runtime/node/build-deps.ts.
 */
import { loadConfig } from '../../config';
import { createSessionManager } from '../../auth/sessions';
import type { Deps } from '../deps';
import { createLogger } from '../logger';
import { openD1 } from './d1-database';
import { configEnv, type WorkerEnv } from './env';
import { KvCache } from './kv-cache';
import { nobleArgon2Hasher } from './noble-argon2-hasher';
import { createQueueProducer } from './queue-producer';

export function buildWorkerDeps(env: WorkerEnv): Deps {
  const config = loadConfig(configEnv(env));
  const log = createLogger(config.logLevel, { runtime: 'worker' });
  const clock = () => new Date();
  const db = openD1(env.DB);
  const cache = new KvCache(env.CACHE, config.redisKeyPrefix);
  const sessions = createSessionManager({ cache, db, clock }, config.session);
  const jobs = createQueueProducer(env.JOBS, log);
  // A Worker has no SMTP client: mail is sent by the Node worker (jobs/main.ts) reading the same jobs.
  const mail = { send: async () => { throw new Error('no mail transport in a Cloudflare Worker'); } };
  return { db, sessions, passwords: nobleArgon2Hasher, jobs, mail, cache, clock, log, config };
}
