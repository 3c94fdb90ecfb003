/**
 * `Cache` over Redis (ioredis). Every key carries the configured prefix, so tests and apps can share a
 * server. Anything that must be atomic is one command or one Lua script. A call made while Redis is
 * unreachable throws `Unavailable('redis')`, which the API answers with 503 (shared/runtime/unavailable.ts).
 */
import type { Redis } from 'ioredis';
import type { Cache, CounterRule, IndexOptions, Reservation } from '../deps';
import { unavailableWhen } from '../unavailable';

/**
 * KEYS: the counters; ARGV: limit and window (ms) of each, in pairs. Answers -1 after raising them all,
 * or the milliseconds until the longest blocking window ends (raising none).
 */
const RESERVE = `
local wait = -1
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      ttl = tonumber(ARGV[2 * i])
      redis.call('PEXPIRE', key, ttl)
    end
    if ttl > wait then wait = ttl end
  end
end
if wait >= 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[2 * i], 'NX')
end
return -1
`;

/** KEYS: counters to lower by one (a counter that reaches zero goes), then ARGV[1] of them to delete. */
const RELEASE = `
local lower = #KEYS - tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if i > lower then redis.call('DEL', key)
  elseif redis.call('EXISTS', key) == 1 and redis.call('DECR', key) <= 0 then redis.call('DEL', key) end
end
return 0
`;

/**
 * KEYS[1]: the index (a sorted set); ARGV: member, score, ttl ms, dropBelow or '', keepAtMost or '',
 * '1' to move only a present member. Answers the members dropped.
 */
const ADD_TO_INDEX = `
if ARGV[6] == '1' then
  if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false then return {} end
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local dropped = {}
if ARGV[4] ~= '' then
  local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
  for _, m in ipairs(old) do dropped[#dropped + 1] = m end
  if #old > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4]) end
end
if ARGV[5] ~= '' then
  local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[5])
  if over > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[1], over)
    for i = 1, #popped, 2 do dropped[#dropped + 1] = popped[i] end
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return dropped
`;

/** The client with our scripts defined on it (ioredis runs them by EVALSHA, loading them once). */
type Scripted = Redis & {
  wardlineReserve(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  wardlineRelease(numberOfKeys: number, ...keysThenCount: string[]): Promise<number>;
  wardlineAddToIndex(key: string, ...args: string[]): Promise<string[]>;
};

/** ioredis errors that mean "not reachable now" rather than "this command is wrong". */
export function isRedisConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH)$/.test(code)) return true;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|connect ECONNREFUSED|enableOfflineQueue|LOADING|Reached the max retries/i.test(err.message)
  );
}

export class RedisCache implements Cache {
  private readonly scripted: Scripted;

  constructor(
    readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('wardlineReserve', { lua: RESERVE });
    redis.defineCommand('wardlineRelease', { lua: RELEASE });
    redis.defineCommand('wardlineAddToIndex', { lua: ADD_TO_INDEX, numberOfKeys: 1 });
    this.scripted = redis as Scripted;
  }

  private k(key: string) {
    return this.prefix + key;
  }

  /** Every call goes through here: a connection failure becomes Unavailable('redis'). */
  private run<T>(command: () => Promise<T>): Promise<T> {
    return unavailableWhen('redis', isRedisConnectionError, command);
  }

  get(key: string) {
    return this.run(() => this.redis.get(this.k(key)));
  }

  set(key: string, value: string, ttlMs?: number) {
    return this.run(async () => {
      if (ttlMs === undefined) await this.redis.set(this.k(key), value);
      else await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    });
  }

  setIfExists(key: string, value: string, ttlMs: number) {
    return this.run(async () => (await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'XX')) === 'OK');
  }

  del(...keys: string[]) {
    return this.run(async () => {
      if (keys.length > 0) await this.redis.del(...keys.map((key) => this.k(key)));
    });
  }

  reserve(counters: CounterRule[]): Promise<Reservation> {
    return this.run(async () => {
      if (counters.length === 0) return { ok: true };
      const args = counters.flatMap((c) => [c.limit, Math.max(1, Math.ceil(c.windowMs))]);
      const wait = Number(await this.scripted.wardlineReserve(counters.length, ...counters.map((c) => this.k(c.key)), ...args));
      return wait < 0 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) };
    });
  }

  release(keys: string[], clear: string[] = []) {
    return this.run(async () => {
      const all = [...keys, ...clear].map((key) => this.k(key));
      if (all.length > 0) await this.scripted.wardlineRelease(all.length, ...all, String(clear.length));
    });
  }

  addToIndex(key: string, member: string, score: number, options: IndexOptions) {
    return this.run(() =>
      this.scripted.wardlineAddToIndex(
        this.k(key),
        member,
        String(score),
        String(Math.max(1, Math.ceil(options.ttlMs))),
        options.dropBelow === undefined ? '' : String(options.dropBelow),
        options.keepAtMost === undefined ? '' : String(options.keepAtMost),
        options.onlyIfPresent ? '1' : '0',
      ),
    );
  }

  removeFromIndex(key: string, ...members: string[]) {
    return this.run(async () => {
      if (members.length > 0) await this.redis.zrem(this.k(key), ...members);
    });
  }

  indexMembers(key: string) {
    return this.run(() => this.redis.zrange(this.k(key), '0', '-1'));
  }

  ping() {
    return this.run(async () => {
      await this.redis.ping();
    });
  }
}
