/**
 * The KV cache (shared/runtime/worker/kv-cache.ts) against a real local KV namespace from Miniflare:
 * Redis semantics emulated over get/put, with expiry honoured to the millisecond although KV itself
 * refuses TTLs under 60 s. The cache's wall clock is moved by hand; it only ever moves forward, as KV's
 * own `expiration` must stay in the future.
 */
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KvCache, type KvStore } from '../../shared/runtime/worker/kv-cache';

let mf: Miniflare;
let kv: KvStore;
let offset = 0;
const now = () => Date.now() + offset;
const cache = () => new KvCache(kv, 'test:', now);

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null, { status: 204 }) }',
    compatibilityDate: '2026-04-26',
    cf: false,
    kvNamespaces: ['CACHE'],
  });
  kv = (await mf.getKVNamespace('CACHE')) as unknown as KvStore;
});

afterAll(async () => {
  await mf?.dispose();
});

describe('the Cache interface over Workers KV', () => {
  test('a value set without a TTL stays, and del removes it', async () => {
    await cache().set('a', '1');
    expect(await cache().get('a')).toBe('1');
    expect(await cache().ttlMs('a')).toBeNull();
    await cache().del('a', 'never-set');
    expect(await cache().get('a')).toBeNull();
  });

  test('a value with a TTL shorter than KV allows still expires on time', async () => {
    await cache().set('short', 'v', 5_000);
    const ttl = await cache().ttlMs('short');
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
    offset += 5_001;
    expect(await cache().get('short')).toBeNull();
    expect(await cache().ttlMs('short')).toBeNull();
  });

  test('keys carry the prefix in KV', async () => {
    await cache().set('prefixed', 'yes');
    expect(await kv.get('test:prefixed')).toBe('yes');
  });

  test('incr counts in a window that starts with the first increment and is never extended', async () => {
    expect(await cache().incr('count', 60_000)).toBe(1);
    offset += 30_000;
    expect(await cache().incr('count', 60_000)).toBe(2);
    const ttl = await cache().ttlMs('count');
    expect(ttl).toBeGreaterThan(29_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    offset += 30_001;
    expect(await cache().get('count')).toBeNull();
    expect(await cache().incr('count', 60_000)).toBe(1);
  });

  test('set membership adds once, removes, and lists what is left', async () => {
    await cache().addToSet('set', 's1');
    await cache().addToSet('set', 's2');
    await cache().addToSet('set', 's1');
    expect((await cache().setMembers('set')).sort()).toEqual(['s1', 's2']);
    await cache().removeFromSet('set', 's1');
    expect(await cache().setMembers('set')).toEqual(['s2']);
    await cache().removeFromSet('set', 's2');
    expect(await cache().setMembers('set')).toEqual([]);
    expect(await kv.get('test:set')).toBeNull();
  });

  test('ping answers when the namespace is reachable', async () => {
    await expect(cache().ping()).resolves.toBeUndefined();
  });
});
