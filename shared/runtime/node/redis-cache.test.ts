/**
 * The Redis cache against the real Redis, under a key prefix of its own (deleted afterwards). Expiry
 * is Redis's own, so time passes for real here, in windows of half a second.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheContract } from '../../../tests/support/cache-contract';
import { deleteKeys } from '../../../tests/support/redis-keys';
import { TEST_REDIS_URL, uniquePrefix } from '../../../tests/support/test-deps';
import { Unavailable } from '../unavailable';
import { RedisCache } from './redis-cache';

const prefix = uniquePrefix();
let redis: Redis;
let cache: RedisCache;

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await redis.connect();
  cache = new RedisCache(redis, prefix);
});

afterAll(async () => {
  redis?.disconnect();
  await deleteKeys(TEST_REDIS_URL, prefix);
});

describe('the Cache interface over Redis', () => {
  cacheContract({
    cache: () => cache,
    advance: (ms) => new Promise((resume) => setTimeout(resume, ms)),
    unit: 500,
    atomic: true,
  });

  test('every key carries the prefix', async () => {
    await cache.set('prefixed', 'yes');
    expect(await redis.get(`${prefix}prefixed`)).toBe('yes');
  });

  test('a call while Redis is unreachable throws Unavailable, not a raw connection error', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on('error', () => {});
    const offline = new RedisCache(dead, prefix);
    for (const call of [() => offline.get('x'), () => offline.reserve([{ key: 'x', limit: 1, windowMs: 1000 }]), () => offline.setIfExists('x', 'y', 1000)]) {
      await expect(call()).rejects.toBeInstanceOf(Unavailable);
    }
    dead.disconnect();
  });
});
