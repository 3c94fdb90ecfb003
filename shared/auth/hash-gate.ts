/**
 * A concurrency gate in front of password hashing (issue 5 item 4, ADR 011).
 *
 * argon2id runs on libuv's thread pool (UV_THREADPOOL_SIZE threads, the core count in production) and
 * takes about 15 ms of a core per hash. A burst of registrations, each hashing a new password, would
 * fill the pool's queue, and a sign-in's verify would wait behind all of them: 90 ms became 2 s. So new
 * hashes (registration, and later password changes) go through a gate of `hashConcurrency` at a time,
 * which leaves the rest of the pool to sign-ins; past `maxWaiting` queued hashes the request is turned
 * away with 503 and Retry-After rather than queued for seconds. Verifies pass straight through.
 */
import { Unavailable } from '../runtime/unavailable';
import type { PasswordHasher } from './passwords';

export interface HashGateOptions {
  hashConcurrency: number;
  maxWaiting: number;
}

export class HashQueueFull extends Error {
  constructor() {
    super(`more password hashes are waiting than the gate allows`);
  }
}

export function gatedHasher(inner: PasswordHasher, options: HashGateOptions): PasswordHasher {
  let running = 0;
  const waiting: Array<() => void> = [];

  const acquire = async () => {
    if (running < options.hashConcurrency) {
      running++;
      return;
    }
    if (waiting.length >= options.maxWaiting) throw new Unavailable('hashing', new HashQueueFull());
    // The releasing caller hands its slot over directly, so `running` stays counted.
    await new Promise<void>((resume) => waiting.push(resume));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    async hash(password) {
      await acquire();
      try {
        return await inner.hash(password);
      } finally {
        release();
      }
    },
    verify: (hash, password) => inner.verify(hash, password),
  };
}
