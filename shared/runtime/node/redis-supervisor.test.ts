import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, test } from 'vitest';
import { memoryLogger, TEST_REDIS_URL } from '../../../tests/support/test-deps';
import { ensureRedis, RedisUnavailable } from './redis-supervisor';
import { freePort, portAnswers } from '../../../tests/support/net';
import { rejection } from '../../../tests/support/rejection';

const redisServerInstalled = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const dirs: string[] = [];
const stops: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const stop of stops) await stop().catch(() => {});
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-redis-'));
  dirs.push(dir);
  return dir;
}

describe('ensureRedis', () => {
  test('when Redis already answers it starts nothing and answers null', async () => {
    const log = memoryLogger();
    expect(await ensureRedis(TEST_REDIS_URL, tempDir(), log)).toBeNull();
    expect(log.records).toEqual([]);
  });

  test.skipIf(!redisServerInstalled)('with nothing at a local port it starts redis-server, with its data under DATA/redis, and stop ends it', async () => {
    const port = await freePort();
    const data = tempDir();
    const log = memoryLogger();
    const stop = await ensureRedis(`redis://127.0.0.1:${port}`, data, log);
    expect(stop).toBeTypeOf('function');
    stops.push(stop!);
    expect(log.records).toContainEqual({ level: 'info', message: 'starting redis-server', fields: { port: String(port), dir: join(data, 'redis') } });

    const client = new Redis(`redis://127.0.0.1:${port}`);
    try {
      await client.set('wardline:test', 'kept');
      expect(await client.get('wardline:test')).toBe('kept');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    } finally {
      client.disconnect();
    }
    expect(readdirSync(join(data, 'redis')).length).toBeGreaterThan(0);

    await stop!();
    expect(await portAnswers(port)).toBe(false);
    // A second stop is harmless.
    await stop!();
  });

  test.skipIf(!redisServerInstalled)('stop returns at once when its redis-server was already ended by a signal', async () => {
    const port = await freePort();
    const stop = await ensureRedis(`redis://127.0.0.1:${port}`, tempDir(), memoryLogger());
    stops.push(stop!);
    const client = new Redis(`redis://127.0.0.1:${port}`);
    const info = await client.info('server');
    client.disconnect();
    const pid = Number(/process_id:(\d+)/.exec(info)![1]);
    process.kill(pid, 'SIGKILL');
    while (await portAnswers(port)) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const outcome = await Promise.race([stop!().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000))]);
    expect(outcome).toBe('stopped');
  });

  test('a REDIS_URL on another host that does not answer is not started here: RedisUnavailable says how to get Redis', async () => {
    const err = await rejection(() => ensureRedis('redis://redis.invalid:6379', tempDir(), memoryLogger()));
    expect(err).toBeInstanceOf(RedisUnavailable);
    expect(err.message).toContain('Redis is not answering at redis://redis.invalid:6379');
    expect(err.message).toContain('apt-get install -y redis-server');
    expect(err.message).toContain('docker compose up -d redis');
    expect(err.message).toContain('REDIS_URL');
  });

  test('a local REDIS_URL with no redis-server on the PATH throws RedisUnavailable and starts nothing', async () => {
    const port = await freePort();
    const data = tempDir();
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    try {
      const err = await rejection(() => ensureRedis(`redis://127.0.0.1:${port}`, data, memoryLogger()));
      expect(err).toBeInstanceOf(RedisUnavailable);
      expect(err.message).toContain(`Redis is not answering at redis://127.0.0.1:${port}`);
      expect(err.message).toContain('apt-get install -y redis-server');
    } finally {
      process.env.PATH = path;
    }
    expect(existsSync(join(data, 'redis'))).toBe(false);
    expect(await portAnswers(port)).toBe(false);
  });
});
