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

  test('set membership adds once, removes, and lists what is left', async () => {
    const s = key('set');
    await t.cache().addToSet(s, 's1');
    await t.cache().addToSet(s, 's2');
    await t.cache().addToSet(s, 's1');
    expect((await t.cache().setMembers(s)).sort()).toEqual(['s1', 's2']);
    await t.cache().removeFromSet(s, 's1', 'not-a-member');
    expect(await t.cache().setMembers(s)).toEqual(['s2']);
    await t.cache().removeFromSet(s, 's2');
    expect(await t.cache().setMembers(s)).toEqual([]);
  });

  test('a set with a TTL expires that long after its newest member was added', async () => {
    const s = key('expiring-set');
    await t.cache().addToSet(s, 'old', 2 * t.unit);
    await t.advance(t.unit);
    await t.cache().addToSet(s, 'new', 2 * t.unit);
    await t.advance(t.unit + 50);
    expect((await t.cache().setMembers(s)).sort()).toEqual(['new', 'old']);
    await t.advance(t.unit + 50);
    expect(await t.cache().setMembers(s)).toEqual([]);
  });

  test('ping answers when the store is reachable', async () => {
    await expect(t.cache().ping()).resolves.toBeUndefined();
  });
}
