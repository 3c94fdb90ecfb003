/**
 * Real parts for tests: a fresh database per call (a SQLite file, or a PostgreSQL schema in the
 * postgres vitest project: see test-database.ts), the real Redis under a key prefix of its own (deleted
 * afterwards), a clock the test moves by hand, and a quiet logger that keeps what it was told.
 */
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config, type Env } from '../../shared/config';
import type { Logger } from '../../shared/runtime/deps';
import { buildNodeDeps, type NodeDeps } from '../../shared/runtime/node/build-deps';
import { deleteKeys } from './redis-keys';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestClock {
  (): Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-12-01T08:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (iso) => {
    now = new Date(iso).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface LogRecord {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export function memoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    records.push({ level, message, fields });
  };
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function uniquePrefix(): string {
  return `test:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
}

export interface TestWorld extends NodeDeps {
  config: Config;
  clock: TestClock;
  log: ReturnType<typeof memoryLogger>;
  /** This world's own database: which kind, and its DATABASE_URL. */
  database: Pick<TestDatabase, 'kind' | 'url'>;
  /** Closes everything, then drops this world's database (SQLite files or PostgreSQL schema) and Redis keys. */
  cleanup(): Promise<void>;
}

export async function createTestWorld(env: Env = {}): Promise<TestWorld> {
  const database = await createTestDatabase();
  const prefix = uniquePrefix();
  const clock = testClock();
  const log = memoryLogger();
  let config: Config;
  let built: NodeDeps;
  try {
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      ADMIN_EMAIL: 'admin@hospital.local',
      ADMIN_PASSWORD: 'correct horse battery staple',
      LOG_LEVEL: 'silent',
      ...env,
    });
    built = await buildNodeDeps(config, { clock, log, migrate: true });
  } catch (err) {
    await database.drop().catch(() => {});
    throw err;
  }
  return {
    ...built,
    config,
    clock,
    log,
    database: { kind: database.kind, url: database.url },
    async cleanup() {
      // Close first: BullMQ writes its queue's meta key lazily, and a delete before close could miss it.
      // And a PostgreSQL schema is dropped only once no pooled connection is left in it.
      try {
        await built.close();
        await deleteKeys(config.redisUrl, prefix);
      } finally {
        await database.drop();
      }
    },
  };
}

/**
 * Registers beforeAll/afterAll for a file's world and answers a getter:
 * `const world = useTestWorld();` then `world().deps` inside tests.
 */
export function useTestWorld(env: Env = {}): () => TestWorld {
  let world: TestWorld | undefined;
  beforeAll(async () => {
    world = await createTestWorld(env);
  });
  afterAll(async () => {
    await world?.cleanup();
  });
  return () => {
    if (!world) throw new Error('the test world is made in beforeAll; use it inside a test');
    return world;
  };
}
