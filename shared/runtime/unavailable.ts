/**
 * A part the request needs (Redis, the database) is down. Adapters turn their connection failures into
 * `Unavailable`; the API answers it with 503 `unavailable` and Retry-After (API.md "Conventions"), logs
 * one warning per outage instead of an error with a stack per request, and the next request after the
 * part is back simply works (the clients reconnect by themselves).
 */
import type { Logger } from './deps';

export type Part = 'redis' | 'database' | 'hashing';

export class Unavailable extends Error {
  constructor(
    readonly part: Part,
    override readonly cause: unknown,
  ) {
    super(`${part} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'Unavailable';
  }
}

/** Runs `command`; a failure that `isOutage` recognises becomes `Unavailable(part)`, others pass as they are. */
export async function unavailableWhen<T>(part: Part, isOutage: (err: unknown) => boolean, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (err) {
    throw isOutage(err) ? new Unavailable(part, err) : err;
  }
}

/** How long a client should wait before trying again: reconnecting takes a few seconds at most. */
export const RETRY_AFTER_SECONDS = 5;

/** Within this long of a warning about a part, further failures of that part are not logged again. */
const QUIET_MS = 60_000;
const warned = new WeakMap<Logger, Map<Part, number>>();

/**
 * Logs "redis is unavailable" once for a burst of failing requests (the first, then at most once a
 * minute while it lasts), so an outage is one line in the log, not one per request.
 */
export function warnOutage(log: Logger, part: Part, error: unknown, now = Date.now()): void {
  const byPart = warned.get(log) ?? new Map<Part, number>();
  warned.set(log, byPart);
  const last = byPart.get(part);
  if (last !== undefined && now - last < QUIET_MS) return;
  byPart.set(part, now);
  log.warn(`${part} is unavailable; answering 503 until it is back`, { error: error instanceof Error ? error.message : String(error) });
}
