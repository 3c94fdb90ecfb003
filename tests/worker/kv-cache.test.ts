/**
 * The KV cache (shared/runtime/worker/kv-cache.ts) against a real local KV namespace from Miniflare:
 * Redis semantics emulated over get/put, with expiry honoured to the millisecond although KV itself
 * refuses TTLs under 60 s. The cache's wall clock is moved by hand; it only ever moves forward, as KV's
 * own `expiration` must stay in the future.
 */
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheContract } from '../support/cache-contract';
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
  cacheContract({
    cache,
    advance: async (ms) => {
      offset += ms;
    },
    unit: 5_000,
    // Read-modify-write over KV: parallel reservations may overshoot (documented in kv-cache.ts).
    atomic: false,
  });

  test('a TTL shorter than KV allows (60 s) still expires on time', async () => {
    await cache().set('short', 'v', 5_000);
    offset += 4_000;
    expect(await cache().get('short')).toBe('v');
    offset += 1_001;
    expect(await cache().get('short')).toBeNull();
  });

  test('keys carry the prefix in KV', async () => {
    await cache().set('prefixed', 'yes');
    expect(await kv.get('test:prefixed')).toBe('yes');
  });

  test('an index whose last member is removed is deleted from KV', async () => {
    await cache().addToIndex('emptied', 'only', 1, { ttlMs: 60_000 });
    await cache().removeFromIndex('emptied', 'only');
    expect(await kv.get('test:emptied')).toBeNull();
  });
});
