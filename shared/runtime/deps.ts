/**
 * Deps: everything a function or job gets from outside. Entry points (the local runner, the Worker
 * entry, the invoke command, tests) build one; nothing else constructs adapters (ARCHITECTURE rule 3).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { SessionManager } from '../auth/sessions';
import type { PasswordHasher } from '../auth/passwords';

/** One counter of a fixed window: at most `limit` reservations per `windowMs`, counted from the first. */
export interface CounterRule {
  key: string;
  limit: number;
  windowMs: number;
}

/** What `Cache.reserve` answers: allowed (every counter raised by one), or refused with the wait. */
export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

export interface IndexOptions {
  ttlMs: number;
  dropBelow?: number;
  keepAtMost?: number;
  onlyIfPresent?: boolean;
}

/** A small key-value store with expiry: Redis under Node, KV (or memory) in a Worker. */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** `ttlMs` omitted keeps the value until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /**
   * Overwrites a value only if the key still exists (answers whether it did), in one step: an update
   * racing a delete must not bring the value back.
   */
  setIfExists(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /**
   * Reserves one use of every counter at once, before the work they limit: if any counter is at its
   * limit nothing is raised and the answer says how long until the longest of those windows ends;
   * otherwise all are raised by one (a window starts with its first use and is never extended). One
   * atomic step on Redis, so N parallel requests get at most `limit` reservations.
   */
  reserve(counters: CounterRule[]): Promise<Reservation>;
  /**
   * Gives back one reserved use of each counter in `keys` (the work turned out not to count) and resets
   * the counters in `clear`, in one step.
   */
  release(keys: string[], clear?: string[]): Promise<void>;
  /**
   * An ordered index of members by a number (for "every session of a user", by when each was last
   * seen). Adds or moves `member` to `score`, then, in the same step, drops members scored below
   * `dropBelow` and, past `keepAtMost`, the lowest-scored ones; answers the members it dropped. `ttlMs`
   * (re)starts the whole index's expiry. `onlyIfPresent` moves a member without adding a missing one.
   */
  addToIndex(key: string, member: string, score: number, options: IndexOptions): Promise<string[]>;
  removeFromIndex(key: string, ...members: string[]): Promise<void>;
  /** The members, lowest score first. */
  indexMembers(key: string): Promise<string[]>;
  /** Answers when the store is reachable; throws otherwise. */
  ping(): Promise<void>;
}

export interface JobOptions {
  /** A stable id makes a second enqueue of the same work a no-op (the outbox id, usually). No `:` in it (BullMQ). */
  jobId?: string;
  delayMs?: number;
}

export interface JobRequest {
  name: string;
  payload: Record<string, string | number>;
  options?: JobOptions;
}

/** One queue's job counts (API.md `GET /api/admin/jobs`). */
export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** A job that ran out of attempts (kept, so an admin can see why and retry it). */
export interface JobFailure {
  id: string;
  name: string;
  reason: string;
  attempts: number;
  /** ISO instant of the last failure. */
  failedAt: string;
}

/** What `retry` did: `retried`, or why not (no such job; the job is not a failed one). */
export type RetryOutcome = 'retried' | 'not_found' | 'not_failed';

/** Enqueues background work and lets an admin look at the queue. Payloads carry ids only (ARCHITECTURE rule 7). */
export interface JobProducer {
  enqueue(name: string, payload: Record<string, string | number>, options?: JobOptions): Promise<void>;
  /** Many jobs in one round trip (BullMQ `addBulk`): the scheduled functions enqueue thousands at once. */
  enqueueMany(jobs: JobRequest[]): Promise<void>;
  /** Counts per queue and the most recent failures, newest first. */
  inspect(options?: { failureLimit?: number }): Promise<{ queues: QueueCounts[]; failures: JobFailure[] }>;
  /** Runs a failed job again, from its first attempt. */
  retry(id: string): Promise<RetryOutcome>;
}

/** A file sent with an email (the booking's `.ics`, the monthly report's PDF). */
export interface MailAttachment {
  filename: string;
  content: string | Uint8Array;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID (`<kind.subject@wardline>`): a resend after a crash is recognisably the same mail. */
  messageId?: string;
  attachments?: MailAttachment[];
}

/** Sends one email; throws when the server did not accept it (the job is then retried). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
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
  mail: Mailer;
  cache: Cache;
  clock: Clock;
  log: Logger;
  config: Config;
}
