/**
 * Builds Deps for Node entry points: the local runner, the invoke command and tests. The caller owns
 * the result and must `close()` it, which ends the database pool, the queue and the Redis connection.
 */
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { migrateToLatest } from '../../db/migrate';
import { createSessionManager } from '../../auth/sessions';
import type { Clock, Deps, Logger } from '../deps';
import { createNodeLogger } from './log-sink';
import { gatedHasher } from '../../auth/hash-gate';
import { argon2Hasher } from './argon2-hasher';
import { createBullmqProducer } from './bullmq-producer';
import { openDatabase } from './database';
import { RedisCache } from './redis-cache';
import { createSmtpMailer } from './smtp-mailer';

export interface NodeDeps {
  deps: Deps;
  redis: Redis;
  close(): Promise<void>;
}

export interface BuildOptions {
  clock?: Clock;
  log?: Logger;
  db?: Kysely<Database>;
  /** Run pending migrations before answering (the runner and tests do). */
  migrate?: boolean;
}

export function connectRedis(url: string, options: { forWorker?: boolean } = {}): Redis {
  return new Redis(url, {
    lazyConnect: true,
    // BullMQ workers must retry forever; request-path clients fail fast so /api/health can say "down".
    maxRetriesPerRequest: options.forWorker ? null : 1,
    enableOfflineQueue: options.forWorker ? true : false,
    // No auto-pipelining: measured (issue 6), it gained nothing on /me and cost sign-in a tenth (each of
    // its sequential commands waited for the next turn of the event loop in a pipeline of its own).
  });
}

/**
 * While Redis is unreachable ioredis reports every reconnect attempt as an error: say it once when it
 * goes and once when it is back, instead of a warning every few hundred milliseconds.
 */
export function reportConnection(redis: Redis, log: Logger): void {
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.warn('redis is unreachable; reconnecting', { error: err.message });
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info('redis is back');
  });
}

export async function buildNodeDeps(config: Config, options: BuildOptions = {}): Promise<NodeDeps> {
  const log = options.log ?? createNodeLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const db = options.db ?? openDatabase(config.database);
  if (options.migrate) await migrateToLatest(db);
  const redis = connectRedis(config.redisUrl);
  await redis.connect();
  const cache = new RedisCache(redis, config.redisKeyPrefix);
  const { producer, close: closeQueue } = createBullmqProducer(redis, config.redisKeyPrefix, (err) => log.debug('job queue error', { error: err.message }));
  // Without a listener a dropped connection prints raw stacks; with one it is a JSON log line.
  reportConnection(redis, log);
  const sessions = createSessionManager({ cache, db, clock }, config.session);
  // One new hash at a time leaves the rest of the thread pool to sign-ins (shared/auth/hash-gate.ts).
  const passwords = gatedHasher(argon2Hasher, { hashConcurrency: 1, maxWaiting: 200 });
  const mail = createSmtpMailer(config.smtpUrl, config.mailFrom);
  const deps: Deps = { db, sessions, passwords, jobs: producer, mail, cache, clock, log, config };
  return {
    deps,
    redis,
    async close() {
      await closeQueue();
      mail.close();
      await db.destroy();
      redis.disconnect();
    },
  };
}
