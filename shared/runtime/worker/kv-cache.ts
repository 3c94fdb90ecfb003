/**
 * `Cache` over a Workers KV namespace. KV is a plain get/put store, so what Redis does natively is
 * emulated here:
 * - Expiry: KV refuses a TTL under 60 s, so the real deadline travels in the value's metadata and a
 *   read past it answers "missing"; KV's own expiry (clamped to at least 60 s) only cleans up later.
 * - `reserve`, `release`, `setIfExists` and indexes are read-modify-write. NOT ATOMIC: two requests racing on one key
 *   can lose an increment or an index member, and KV is eventually consistent between locations (up to
 *   about 60 s). Good enough for sign-in throttling (approximate counts) and for the session index
 *   (a session missed there still dies on blacklisting: the session store only resolves active users).
 *   Anything that needs exact counts belongs in a Durable Object, not here.
 * Keys carry the configured prefix, as in the Redis adapter.
 */
import type { Cache, CounterRule, IndexOptions, Reservation } from '../deps';

/** The part of `KVNamespace` we use, so this file type-checks and runs anywhere (Miniflare's proxy too). */
export interface KvStore {
  get(key: string): Promise<string | null>;
  getWithMetadata<M>(key: string): Promise<{ value: string | null; metadata: M | null }>;
  put(key: string, value: string, options?: { expiration?: number; metadata?: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
}

interface Meta {
  /** Epoch milliseconds after which the value counts as gone; absent for values that never expire. */
  expiresAt?: number;
}

/** KV's floor for expiry, in seconds. */
export const KV_MIN_TTL_SECONDS = 60;

export class KvCache implements Cache {
  constructor(
    private readonly kv: KvStore,
    private readonly prefix: string,
    /** Wall clock for store-level expiry (not the injected clock: KV expires on real time too). */
    private readonly now: () => number = Date.now,
  ) {}

  private k(key: string) {
    return this.prefix + key;
  }

  /** The live value and its deadline, or null when missing or past its deadline. */
  private async read(key: string): Promise<{ value: string; expiresAt?: number } | null> {
    const { value, metadata } = await this.kv.getWithMetadata<Meta>(this.k(key));
    if (value === null) return null;
    const expiresAt = metadata?.expiresAt;
    if (expiresAt !== undefined && expiresAt <= this.now()) return null;
    return expiresAt === undefined ? { value } : { value, expiresAt };
  }

  private async write(key: string, value: string, expiresAt?: number): Promise<void> {
    if (expiresAt === undefined) {
      await this.kv.put(this.k(key), value);
      return;
    }
    // `expiration` is absolute epoch seconds and must lie at least 60 s ahead: clamp up to that.
    const floor = Math.ceil(this.now() / 1000) + KV_MIN_TTL_SECONDS;
    const expiration = Math.max(Math.ceil(expiresAt / 1000), floor);
    await this.kv.put(this.k(key), value, { expiration, metadata: { expiresAt } satisfies Meta });
  }

  async get(key: string) {
    return (await this.read(key))?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number) {
    await this.write(key, value, ttlMs === undefined ? undefined : this.now() + Math.max(1, Math.ceil(ttlMs)));
  }

  async del(...keys: string[]) {
    await Promise.all(keys.map((key) => this.kv.delete(this.k(key))));
  }

  async setIfExists(key: string, value: string, ttlMs: number) {
    // Not atomic (see the top of the file): a delete between the read and the write is undone.
    if (!(await this.read(key))) return false;
    await this.write(key, value, this.now() + Math.max(1, Math.ceil(ttlMs)));
    return true;
  }

  async reserve(counters: CounterRule[]): Promise<Reservation> {
    // Not atomic (see the top of the file): parallel requests can each see room for one more.
    const current = await Promise.all(counters.map((c) => this.read(c.key)));
    let wait = -1;
    counters.forEach((c, i) => {
      const entry = current[i];
      if (entry && (Number(entry.value) || 0) >= c.limit) wait = Math.max(wait, (entry.expiresAt ?? this.now() + c.windowMs) - this.now());
    });
    if (wait >= 0) return { ok: false, retryAfterMs: Math.max(1, wait) };
    await Promise.all(
      counters.map((c, i) => {
        const entry = current[i];
        // The window starts with the first use and is never extended, as in the Redis adapter.
        return this.write(c.key, String((entry ? Number(entry.value) || 0 : 0) + 1), entry?.expiresAt ?? this.now() + Math.max(1, Math.ceil(c.windowMs)));
      }),
    );
    return { ok: true };
  }

  async release(keys: string[], clear: string[] = []) {
    await Promise.all([
      ...clear.map((key) => this.kv.delete(this.k(key))),
      ...keys.map(async (key) => {
        const entry = await this.read(key);
        if (!entry) return;
        const count = (Number(entry.value) || 0) - 1;
        if (count <= 0) await this.kv.delete(this.k(key));
        else await this.write(key, String(count), entry.expiresAt);
      }),
    ]);
  }

  /** An index is stored as JSON `[[member, score], …]`, lowest score first. */
  private static entries(entry: { value: string } | null): Array<[string, number]> {
    if (!entry) return [];
    try {
      const parsed: unknown = JSON.parse(entry.value);
      return Array.isArray(parsed) ? parsed.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number') : [];
    } catch {
      return [];
    }
  }

  async addToIndex(key: string, member: string, score: number, options: IndexOptions) {
    // Not atomic: a concurrent change to the same index can be lost (see the top of the file).
    let entries = KvCache.entries(await this.read(key));
    if (options.onlyIfPresent && !entries.some(([m]) => m === member)) return [];
    entries = [...entries.filter(([m]) => m !== member), [member, score] as [string, number]].sort((a, b) => a[1] - b[1]);
    const dropped: string[] = [];
    if (options.dropBelow !== undefined) {
      const below = options.dropBelow;
      dropped.push(...entries.filter(([, s]) => s < below).map(([m]) => m));
      entries = entries.filter(([, s]) => s >= below);
    }
    if (options.keepAtMost !== undefined && entries.length > options.keepAtMost) {
      dropped.push(...entries.slice(0, entries.length - options.keepAtMost).map(([m]) => m));
      entries = entries.slice(entries.length - options.keepAtMost);
    }
    await this.write(key, JSON.stringify(entries), this.now() + Math.max(1, Math.ceil(options.ttlMs)));
    return dropped;
  }

  async removeFromIndex(key: string, ...gone: string[]) {
    const current = await this.read(key);
    const entries = KvCache.entries(current);
    if (!entries.some(([m]) => gone.includes(m))) return;
    const rest = entries.filter(([m]) => !gone.includes(m));
    if (rest.length === 0) await this.kv.delete(this.k(key));
    else await this.write(key, JSON.stringify(rest), current?.expiresAt);
  }

  async indexMembers(key: string) {
    return KvCache.entries(await this.read(key)).map(([m]) => m);
  }

  async ping() {
    // KV has no ping; a read of a key that need not exist proves the binding answers.
    await this.kv.get(this.k('health:ping'));
  }
}
