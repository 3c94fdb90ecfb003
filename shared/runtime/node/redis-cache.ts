/** `Cache` over Redis (ioredis). Every key carries the configured prefix, so tests and apps can share a server. */
import { Redis } from 'ioredis';
import type { Cache } from '../deps';

export class RedisCache implements Cache {
  constructor(
    readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private k(key: string) {
    return this.prefix + key;
  }

  async get(key: string) {
    return this.redis.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs?: number) {
    if (ttlMs === undefined) await this.redis.set(this.k(key), value);
    else await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async del(...keys: string[]) {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.k(key)));
  }

  async incr(key: string, ttlMs: number) {
    // One round trip, atomic: the window starts with the first increment and is never extended.
    const [[, count]] = (await this.redis
      .multi()
      .incr(this.k(key))
      .pexpire(this.k(key), Math.ceil(ttlMs), 'NX')
      .exec()) as [[Error | null, number], [Error | null, number]];
    return count;
  }

  async ttlMs(key: string) {
    const ttl = await this.redis.pttl(this.k(key));
    return ttl >= 0 ? ttl : null;
  }

  async addToSet(key: string, member: string) {
    await this.redis.sadd(this.k(key), member);
  }

  async removeFromSet(key: string, member: string) {
    await this.redis.srem(this.k(key), member);
  }

  async setMembers(key: string) {
    return this.redis.smembers(this.k(key));
  }

  async ping() {
    await this.redis.ping();
  }
}
