/**
 * Runs the outbox relay (shared/jobs/relay.ts) in the worker process: every `everyMs` while all is well,
 * at once again while a full batch came back (a backlog after an outage drains quickly), and backing off
 * up to `maxBackoffMs` while the queue or the database refuses. An outage is two log lines (when it goes,
 * when it is back), not one per tick. Several workers may each run one (scale-out): relays racing are
 * harmless (relay.ts).
 */
import type { Deps } from '../shared/runtime/deps';
import { RELAY_BATCH, relayOutbox } from '../shared/jobs/relay';

export interface RelayLoop {
  /** Stops the loop; resolves once a pass in flight has ended. */
  stop(): Promise<void>;
}

export function startRelayLoop(deps: Deps, { everyMs = 500, maxBackoffMs = 10_000 } = {}): RelayLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let failing = false;
  let delay = everyMs;

  const pass = async () => {
    let full = false;
    try {
      const result = await relayOutbox(deps);
      if (result.error !== undefined) throw new Error(result.error);
      full = result.relayed === RELAY_BATCH;
      if (failing) deps.log.info('outbox relay: handing jobs over again', { relayed: result.relayed });
      failing = false;
      delay = everyMs;
    } catch (err) {
      if (!failing) deps.log.warn('outbox relay: cannot hand jobs over; they stay in the outbox until it can', { error: (err as Error).message });
      failing = true;
      delay = Math.min(Math.max(delay, everyMs) * 2, maxBackoffMs);
    }
    if (!stopped) timer = setTimeout(tick, full ? 0 : delay);
  };
  const tick = () => {
    inFlight = pass();
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A pass stuck on a database that does not answer must not hold a shutdown: its rows stay pending
      // (or are marked by the next relay), which is harmless.
      let limit: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise<void>((done) => (limit = setTimeout(done, 5_000)))]);
      clearTimeout(limit);
    },
  };
}
