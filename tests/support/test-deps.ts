/**
 * Real parts for tests: a fresh SQLite file per call, the real Redis under a key prefix of its own
 * (deleted afterwards), a clock the test moves by hand, and a quiet logger that keeps what it was told.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config, type Env } from '../../shared/config';
import type { Logger } from '../../shared/runtime/deps';
import { buildNodeDeps, type NodeDeps } from '../../shared/runtime/node/build-deps';
import { deleteKeys } from './redis-keys';

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
  dir: string;
  /** Closes everything and deletes the SQLite files and this world's Redis keys. */
  cleanup(): Promise<void>;
}

export async function createTestWorld(env: Env = {}): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-test-'));
  const prefix = uniquePrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: join(dir, 'test.db'),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    ADMIN_EMAIL: 'admin@hospital.local',
    ADMIN_PASSWORD: 'correct horse battery staple',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = testClock();
  const log = memoryLogger();
  const built = await buildNodeDeps(config, { clock, log, migrate: true });
  return {
    ...built,
    config,
    clock,
    log,
    dir,
    async cleanup() {
      // Close first: BullMQ writes its queue's meta key lazily, and a delete before close could miss it.
      await built.close();
      await deleteKeys(config.redisUrl, prefix);
      rmSync(dir, { recursive: true, force: true });
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
