/**
 * What every `Cache` adapter must do, as one suite run against Redis (shared/runtime/node) and Workers
 * KV (tests/worker). `advance` moves the adapter's notion of time: real waiting for Redis (its expiry is
 * the server's), a clock offset for KV. Windows are given in `unit`s so Redis can use short ones.
 */
import { expect, test } from 'vitest';
import type { Cache } from '../../shared/runtime/deps';

export interface CacheUnderTest {
  cache: () => Cache;
  advance: (ms: number) => Promise<void>;
  /** A window length that is long against the test's own pauses but cheap to wait out. */
  unit: number;
  /** Whether parallel reservations are exact (Redis: one Lua script; KV is documented as approximate). */
  atomic: boolean;
}

let n = 0;
const key = (name: string) => `${name}-${++n}`;

export function cacheContract(t: CacheUnderTest): void {
  test('a value set without a TTL stays, and del removes it', async () => {
    const a = key('a');
    await t.cache().set(a, '1');
    expect(await t.cache().get(a)).toBe('1');
    await t.cache().del(a, key('never-set'));
    expect(await t.cache().get(a)).toBeNull();
  });

  test('a value with a TTL is gone after it', async () => {
    const k = key('short');
    await t.cache().set(k, 'v', t.unit);
    expect(await t.cache().get(k)).toBe('v');
    await t.advance(t.unit + 50);
    expect(await t.cache().get(k)).toBeNull();
  });

  test('setIfExists overwrites a live key but never brings back a deleted or missing one', async () => {
    const k = key('live');
    expect(await t.cache().setIfExists(k, 'x', 60_000)).toBe(false);
    expect(await t.cache().get(k)).toBeNull();
    await t.cache().set(k, 'first', 60_000);
    expect(await t.cache().setIfExists(k, 'second', 60_000)).toBe(true);
    expect(await t.cache().get(k)).toBe('second');
    await t.cache().del(k);
    expect(await t.cache().setIfExists(k, 'third', 60_000)).toBe(false);
    expect(await t.cache().get(k)).toBeNull();
  });

  test('reserve allows up to the limit, then refuses with the time left, raising no counter when it refuses', async () => {
    const tight = { key: key('tight'), limit: 2, windowMs: 10 * t.unit };
    const loose = { key: key('loose'), limit: 100, windowMs: 10 * t.unit };
    expect(await t.cache().reserve([tight, loose])).toEqual({ ok: true });
    expect(await t.cache().reserve([tight, loose])).toEqual({ ok: true });
    const refused = await t.cache().reserve([tight, loose]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10 * t.unit);
    }
    // The loose counter was raised twice, not three times: a refused reservation takes nothing.
    expect(await t.cache().get(loose.key)).toBe('2');
  });

  test('release gives one use back, and a counter that reaches zero is gone', async () => {
    const rule = { key: key('released'), limit: 1, windowMs: 10 * t.unit };
    expect((await t.cache().reserve([rule])).ok).toBe(true);
    expect((await t.cache().reserve([rule])).ok).toBe(false);
    await t.cache().release([rule.key, key('never-reserved')]);
    expect(await t.cache().get(rule.key)).toBeNull();
    expect((await t.cache().reserve([rule])).ok).toBe(true);
  });

  test('release can reset counters in the same step', async () => {
    const kept = { key: key('kept'), limit: 5, windowMs: 10 * t.unit };
    const reset = { key: key('reset'), limit: 5, windowMs: 10 * t.unit };
    for (let i = 0; i < 3; i++) await t.cache().reserve([kept, reset]);
    await t.cache().release([kept.key], [reset.key]);
    expect(await t.cache().get(kept.key)).toBe('2');
    expect(await t.cache().get(reset.key)).toBeNull();
  });

  test('a window starts with its first use and is not extended by later ones', async () => {
    const rule = { key: key('window'), limit: 2, windowMs: 4 * t.unit };
    expect((await t.cache().reserve([rule])).ok).toBe(true);
    await t.advance(2 * t.unit);
    expect((await t.cache().reserve([rule])).ok).toBe(true);
    expect((await t.cache().reserve([rule])).ok).toBe(false);
    await t.advance(2 * t.unit + 100);
    expect((await t.cache().reserve([rule])).ok).toBe(true);
  });

  test.runIf(t.atomic)('parallel reservations never exceed the limit', async () => {
    const rule = { key: key('burst'), limit: 5, windowMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 25 }, () => t.cache().reserve([rule])));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await t.cache().get(rule.key)).toBe('5');
  });

  test('an index keeps members in score order, moves a member to its new score, and removes', async () => {
    const i = key('index');
    const opts = { ttlMs: 60_000 };
    expect(await t.cache().addToIndex(i, 'b', 20, opts)).toEqual([]);
    await t.cache().addToIndex(i, 'a', 10, opts);
    await t.cache().addToIndex(i, 'c', 30, opts);
    expect(await t.cache().indexMembers(i)).toEqual(['a', 'b', 'c']);
    await t.cache().addToIndex(i, 'a', 40, opts);
    expect(await t.cache().indexMembers(i)).toEqual(['b', 'c', 'a']);
    await t.cache().removeFromIndex(i, 'c', 'not-a-member');
    expect(await t.cache().indexMembers(i)).toEqual(['b', 'a']);
    await t.cache().removeFromIndex(i, 'b', 'a');
    expect(await t.cache().indexMembers(i)).toEqual([]);
  });

  test('adding drops members scored below dropBelow and, past keepAtMost, the lowest, and answers which', async () => {
    const i = key('bounded');
    for (const [m, score] of [['old', 1], ['mid', 5], ['new', 9]] as const) await t.cache().addToIndex(i, m, score, { ttlMs: 60_000 });
    expect(await t.cache().addToIndex(i, 'newest', 10, { ttlMs: 60_000, dropBelow: 3 })).toEqual(['old']);
    expect((await t.cache().addToIndex(i, 'latest', 11, { ttlMs: 60_000, keepAtMost: 2 })).sort()).toEqual(['mid', 'new']);
    expect(await t.cache().indexMembers(i)).toEqual(['newest', 'latest']);
  });

  test('onlyIfPresent moves a member that is there and never adds one that is not', async () => {
    const i = key('present');
    await t.cache().addToIndex(i, 'here', 1, { ttlMs: 60_000 });
    await t.cache().addToIndex(i, 'here', 5, { ttlMs: 60_000, onlyIfPresent: true });
    await t.cache().addToIndex(i, 'gone', 3, { ttlMs: 60_000, onlyIfPresent: true });
    expect(await t.cache().indexMembers(i)).toEqual(['here']);
  });

  test('an index expires ttlMs after its last change', async () => {
    const i = key('expiring-index');
    await t.cache().addToIndex(i, 'old', 1, { ttlMs: 2 * t.unit });
    await t.advance(t.unit);
    await t.cache().addToIndex(i, 'new', 2, { ttlMs: 2 * t.unit });
    await t.advance(t.unit + 50);
    expect(await t.cache().indexMembers(i)).toEqual(['old', 'new']);
    await t.advance(t.unit + 50);
    expect(await t.cache().indexMembers(i)).toEqual([]);
  });

  test('ping answers when the store is reachable', async () => {
    await expect(t.cache().ping()).resolves.toBeUndefined();
  });
}
