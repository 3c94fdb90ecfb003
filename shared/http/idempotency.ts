/**
 * `Idempotency-Key` on a POST that creates something (API.md "Conventions", ADR 018). The same key from the
 * same user within 24 hours answers the first answer again, status and body, and does nothing more; the same
 * key with another request is 409 `idempotency_key_reused`; a key older than 24 hours counts as new.
 *
 * Only a successful creation is remembered: the create stores its answer in `idempotency_keys` as the FIRST
 * write of its own transaction, so the answer is kept exactly when the creation is. A refused request did
 * nothing and is judged afresh when retried. Two identical requests at once: one stores the key and
 * creates, the other fails (on the key's primary key, or on whatever the first one's creation now holds:
 * a slot, a limit), finds the stored answer and replays it.
 *
 *   return idempotentCreate(c, { userId, body: canonicalInput }, async (claim) => {
 *     const answer = { status: 201, body: dto };            // built before any write (D1: no read after a write)
 *     await db.transaction().execute(async (trx) => {
 *       // ... the checks that read ...
 *       await claim.remember(trx, answer);                   // the first write
 *       // ... the creation's own writes ...
 *     });
 *     return answer;
 *   });
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Database, IdempotencyKeyTable } from '../db/schema';
import type { AppEnv } from './env';
import { conflict, invalidInput } from './errors';

type Db = Kysely<Database> | Transaction<Database>;

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** How long a key's answer is kept for a repeat. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Printable ASCII (space to tilde), 1 to 100 characters. */
const KEY_PATTERN = /^[\x20-\x7e]{1,100}$/;
/** Says on a replayed answer that it is the first answer again, not a new creation. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

export interface Answer {
  status: ContentfulStatusCode;
  body: unknown;
}

export interface IdempotencyClaim {
  /** Stores the answer for repeats of this request. Call it inside the creation's transaction, as its first write. */
  remember(trx: Db, answer: Answer): Promise<void>;
}

const NO_KEY: IdempotencyClaim = { remember: async () => {} };

/** The request's key, or null without the header; 400 naming the header when it is not a valid key. */
export function idempotencyKeyOf(c: Context<AppEnv>): string | null {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return null;
  if (!KEY_PATTERN.test(key)) throw invalidInput({ [IDEMPOTENCY_KEY_HEADER]: 'must be 1 to 100 printable ASCII characters' });
  return key;
}

/** JSON with every object's keys in order, so the same body spelled in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const encoder = new TextEncoder();

/** SHA-256 (hex) of the method, the path and the canonical body: what "the same request" means. */
export function requestHash(method: string, path: string, body: unknown): string {
  return encodeHexLowerCase(sha256(encoder.encode(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)));
}

function readStored(db: Db, userId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'body', 'created_at'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

type Stored = Pick<IdempotencyKeyTable, 'request_hash' | 'status' | 'body' | 'created_at'>;

/**
 * Runs `create` under the request's Idempotency-Key, if it has one. `body` is the request's input as the
 * handler understood it (validated, normalised): the same input under the same key is the same request.
 */
export async function idempotentCreate(
  c: Context<AppEnv>,
  request: { userId: string; body: unknown },
  create: (claim: IdempotencyClaim) => Promise<Answer>,
): Promise<Response> {
  const key = idempotencyKeyOf(c);
  if (key === null) {
    const answer = await create(NO_KEY);
    return send(c, answer);
  }
  const { db, clock } = c.env.deps;
  const hash = requestHash(c.req.method, c.req.path, request.body);
  const now = clock();
  const fresh = (row: Stored) => row.created_at > new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString();
  const repeat = (row: Stored): Response => {
    if (row.request_hash !== hash) {
      throw conflict('idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
    }
    return c.body(row.body, row.status as ContentfulStatusCode, { 'Content-Type': 'application/json', [REPLAYED_HEADER]: 'true' });
  };

  const earlier = await readStored(db, request.userId, key);
  if (earlier && fresh(earlier)) return repeat(earlier);
  if (earlier) {
    // Past its 24 hours the key is new again. Only that old row goes: one stored meanwhile is fresh.
    await db
      .deleteFrom('idempotency_keys')
      .where('user_id', '=', request.userId)
      .where('key', '=', key)
      .where('created_at', '=', earlier.created_at)
      .execute();
  }

  const claim: IdempotencyClaim = {
    async remember(trx, answer) {
      await trx
        .insertInto('idempotency_keys')
        .values({ user_id: request.userId, key, request_hash: hash, status: answer.status, body: JSON.stringify(answer.body), created_at: now.toISOString() })
        .execute();
    },
  };
  let answer: Answer;
  try {
    answer = await create(claim);
  } catch (err) {
    // Refused, or failed on the key itself: if the same key was stored meanwhile (the same request sent
    // twice at once), that first answer is this one's answer too.
    let stored: Stored | undefined;
    try {
      stored = await readStored(db, request.userId, key);
    } catch {
      throw err;
    }
    if (stored && fresh(stored)) return repeat(stored);
    throw err;
  }
  return send(c, answer);
}

function send(c: Context<AppEnv>, answer: Answer): Response {
  return c.body(JSON.stringify(answer.body), answer.status, { 'Content-Type': 'application/json' });
}
