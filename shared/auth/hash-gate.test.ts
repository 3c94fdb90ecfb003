import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { argon2Hasher } from '../runtime/node/argon2-hasher';
import { Unavailable } from '../runtime/unavailable';
import { gatedHasher } from './hash-gate';
import type { PasswordHasher } from './passwords';

const world = useTestWorld();

/** Wraps a hasher to see how many hashes run at once. */
function watched(inner: PasswordHasher) {
  let running = 0;
  let most = 0;
  const hasher: PasswordHasher = {
    async hash(password) {
      most = Math.max(most, ++running);
      try {
        return await inner.hash(password);
      } finally {
        running--;
      }
    },
    verify: inner.verify,
  };
  return { hasher, most: () => most };
}

describe('the hashing gate', () => {
  test("a sign-in's verify does not wait behind a burst of new-password hashes (the Node deps as built)", async () => {
    const { passwords } = world().deps;
    const stored = await passwords.hash('the right password');
    const finished: string[] = [];
    const hashes = Array.from({ length: 12 }, (_, i) => passwords.hash(`new password ${i}`).then(() => finished.push('hash')));
    // The sign-in comes a moment later, when every hash that may start has been handed to the pool.
    await new Promise((resume) => setImmediate(resume));
    const verify = passwords.verify(stored, 'the right password').then((ok) => finished.push(`verify ${ok}`));
    await Promise.all([...hashes, verify]);
    // Ungated, all twelve hashes sit in libuv's thread-pool queue ahead of the verify, which ends
    // ninth or later; through the gate one hash runs at a time and the verify takes a free thread.
    expect(finished.indexOf('verify true')).toBeLessThan(3);
  });

  test('no more than hashConcurrency hashes run at once, and every caller gets its own hash', async () => {
    const { hasher, most } = watched(argon2Hasher);
    const gated = gatedHasher(hasher, { hashConcurrency: 2, maxWaiting: 100 });
    const hashes = await Promise.all(Array.from({ length: 10 }, (_, i) => gated.hash(`password ${i}`)));
    expect(most()).toBe(2);
    expect(new Set(hashes).size).toBe(10);
    expect(await gated.verify(hashes[3]!, 'password 3')).toBe(true);
  });

  test('past maxWaiting, hashing is refused as unavailable instead of queueing for seconds', async () => {
    const gated = gatedHasher(argon2Hasher, { hashConcurrency: 1, maxWaiting: 2 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => gated.hash(`password ${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.reason).toBeInstanceOf(Unavailable);
  });

  test('a hash that fails frees its place at the gate', async () => {
    let calls = 0;
    const flaky: PasswordHasher = {
      hash: async (p) => {
        if (++calls === 1) throw new Error('out of memory');
        return argon2Hasher.hash(p);
      },
      verify: argon2Hasher.verify,
    };
    const gated = gatedHasher(flaky, { hashConcurrency: 1, maxWaiting: 10 });
    await expect(gated.hash('first')).rejects.toThrow('out of memory');
    await expect(gated.hash('second')).resolves.toMatch(/^\$argon2id\$/);
  });
});
