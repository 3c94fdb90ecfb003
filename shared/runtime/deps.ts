/**
 * Deps: everything a function or job gets from outside. Entry points (the local runner, the Worker
 * entry, the invoke command, tests) build one; nothing else constructs adapters (ARCHITECTURE rule 3).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { SessionManager } from '../auth/sessions';
import type { PasswordHasher } from '../auth/passwords';

/** A small key-value store with expiry: Redis under Node, KV (or memory) in a Worker. */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** `ttlMs` omitted keeps the value until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  /** Adds one and returns the new count; the window (`ttlMs`) starts with the first increment. */
  incr(key: string, ttlMs: number): Promise<number>;
  /** Milliseconds until the key expires, or null when it does not exist or never expires. */
  ttlMs(key: string): Promise<number | null>;
  /** Set membership, used for "every session of a user". */
  addToSet(key: string, member: string): Promise<void>;
  removeFromSet(key: string, member: string): Promise<void>;
  setMembers(key: string): Promise<string[]>;
  /** Answers when the store is reachable; throws otherwise. */
  ping(): Promise<void>;
}

export interface JobOptions {
  /** A stable id makes a second enqueue of the same work a no-op (the outbox id, usually). */
  jobId?: string;
  delayMs?: number;
}

/** Enqueues background work. Payloads carry ids only (ARCHITECTURE rule 7). */
export interface JobProducer {
  enqueue(name: string, payload: Record<string, string | number>, options?: JobOptions): Promise<void>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type Clock = () => Date;

export interface Deps {
  db: Kysely<Database>;
  sessions: SessionManager;
  passwords: PasswordHasher;
  jobs: JobProducer;
  cache: Cache;
  clock: Clock;
  log: Logger;
  config: Config;
}
