/**
 * `Cache` over a Workers KV namespace. KV is a plain get/put store, so what Redis does natively is
 * emulated here:
 * - Expiry: KV refuses a TTL under 60 s, so the real deadline travels in the value's metadata and a
 *   read past it answers "missing"; KV's own expiry (clamped to at least 60 s) only cleans up later.
 * - `reserve`, `release`, `setIfExists` and sets are read-modify-write. NOT ATOMIC: two requests racing on one key
 *   can lose an increment or a set member, and KV is eventually consistent between locations (up to
 *   about 60 s). Good enough for sign-in throttling (approximate counts) and for the session index
 *   (a session missed there still dies on blacklisting: the session store only resolves active users).
 *   Anything that needs exact counts belongs in a Durable Object, not here.
 * Keys carry the configured prefix, as in the Redis adapter.
 */
import type { Cache, CounterRule, Reservation } from '../deps';

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

  async release(keys: string[]) {
    await Promise.all(
      keys.map(async (key) => {
        const entry = await this.read(key);
        if (!entry) return;
        const count = (Number(entry.value) || 0) - 1;
        if (count <= 0) await this.kv.delete(this.k(key));
        else await this.write(key, String(count), entry.expiresAt);
      }),
    );
  }

  private static members(entry: { value: string } | null): string[] {
    if (!entry) return [];
    try {
      const parsed: unknown = JSON.parse(entry.value);
      return Array.isArray(parsed) ? parsed.filter((m): m is string => typeof m === 'string') : [];
    } catch {
      return [];
    }
  }

  async addToSet(key: string, member: string, ttlMs?: number) {
    // Not atomic: a concurrent add to the same set can drop one member (see the top of the file).
    const current = await this.read(key);
    const members = KvCache.members(current);
    const expiresAt = ttlMs === undefined ? current?.expiresAt : this.now() + Math.max(1, Math.ceil(ttlMs));
    if (!members.includes(member) || ttlMs !== undefined) await this.write(key, JSON.stringify([...new Set([...members, member])]), expiresAt);
  }

  async removeFromSet(key: string, ...gone: string[]) {
    const current = await this.read(key);
    const members = KvCache.members(current);
    if (!gone.some((m) => members.includes(m))) return;
    const rest = members.filter((m) => !gone.includes(m));
    if (rest.length === 0) await this.kv.delete(this.k(key));
    else await this.write(key, JSON.stringify(rest), current?.expiresAt);
  }

  async setMembers(key: string) {
    return KvCache.members(await this.read(key));
  }

  async ping() {
    // KV has no ping; a read of a key that need not exist proves the binding answers.
    await this.kv.get(this.k('health:ping'));
  }
}
