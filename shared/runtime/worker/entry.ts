/**
 * The Worker entry: the same functions as the local runner, served by workerd with D1, KV and Queues
 * (wrangler.toml). Bundled by scripts/build-worker.ts, which also supplies the list of functions.
 *
 * Deps are built once per isolate, on the first request, and migrations run once per isolate before
 * that request is answered. A failure is not memoised, so the next request tries again.
 *
 * Background work (ADR 024): a state-changing request relays the outbox to the JOBS Queue after its answer
 * (ctx.waitUntil), the cron trigger relays whatever is left (an isolate that died before its waitUntil
 * finished), and `queue` consumes the messages with the same processors as the Node worker.
 */
import functions from 'virtual:wardline-functions';
import scheduledFunctions from 'virtual:wardline-scheduled';
import { isDue, type ScheduledFunction } from '../../jobs/scheduled';
import { buildApi } from '../../http/api';
import type { FunctionApp } from '../../http/define-function';
import { errorBody } from '../../http/errors';
import { migrateToLatest } from '../../db/migrate';
import type { Deps } from '../deps';
import { relayOutbox } from '../../jobs/relay';
import { buildWorkerDeps } from './build-deps';
import type { WorkerEnv } from './env';
import { consumeJobs } from './queue-consumer';
import type { JobMessage } from './queue-producer';

function isFunctionApp(app: unknown): app is FunctionApp {
  return typeof app === 'object' && app !== null && typeof (app as { fetch?: unknown }).fetch === 'function';
}

const apps = functions.map(({ name, app }) => {
  // Same rule as the Node loader: a function file's default export is a Hono app.
  if (!isFunctionApp(app)) throw new Error(`functions/${name}.ts has no default export of a Hono app`);
  return app;
});
const api = buildApi(apps);

let ready: Promise<Deps> | undefined;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One relay pass; a failure stays in the outbox row (attempts, last_error) and in one log line. Without a
 * JOBS binding the producer only logs what it cannot enqueue, so relaying would mark rows relayed that went
 * nowhere: the rows stay pending instead, for when a Queue is bound.
 */
async function relay(deps: Deps, env: WorkerEnv, after: string): Promise<void> {
  if (!env.JOBS) return;
  try {
    const result = await relayOutbox(deps);
    if (result.error !== undefined) deps.log.warn('outbox relay: cannot hand jobs over; they stay in the outbox', { after, error: result.error });
  } catch (err) {
    deps.log.warn('outbox relay failed', { after, error: err instanceof Error ? err.message : String(err) });
  }
}

function depsFor(env: WorkerEnv): Promise<Deps> {
  ready ??= (async () => {
    const deps = buildWorkerDeps(env);
    // Two isolates starting together may both migrate; Kysely takes no lock on SQLite-family
    // databases, so the loser's first request fails (table exists) and its next one finds the
    // schema in place. Applying migrations at deploy time would avoid even that (see the report).
    const applied = await migrateToLatest(deps.db);
    if (applied.length > 0) deps.log.info('migrations applied', { applied });
    return deps;
  })().catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

/** What a request gets when the isolate could not start: the API.md envelope, details in the log only. */
function startupFailure(err: unknown): Response {
  const requestId = crypto.randomUUID();
  console.error(
    JSON.stringify({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'worker start-up failed',
      requestId,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    }),
  );
  const body = errorBody('internal', `Something went wrong on our side. Quote request id ${requestId} if you report it.`);
  return Response.json(body, { status: 500, headers: { 'X-Request-Id': requestId, 'Cache-Control': 'no-store' } });
}

export default {
  async fetch(request, env, ctx) {
    let deps: Deps;
    try {
      deps = await depsFor(env);
    } catch (err) {
      return startupFailure(err);
    }
    const response = await api.fetch(request, { deps, clientAddress: request.headers.get('cf-connecting-ip') ?? undefined }, ctx);
    // A change may have written outbox rows: hand them to the Queue once the answer is on its way.
    if (!SAFE_METHODS.has(request.method)) ctx.waitUntil(relay(deps, env, 'request'));
    return response;
  },

  async scheduled(controller, env, ctx) {
    // Cloudflare cron triggers are read in UTC and know nothing of the hospital's zone or daylight saving,
    // so wrangler.toml fires this every minute and each scheduled function runs when its own cron, read
    // in HOSPITAL_TIMEZONE, falls due in that minute (isDue; ADR 026). Changing REMINDER_TIME or the zone
    // then needs no new trigger, and a DST change moves nothing. The functions only enqueue.
    const deps = await depsFor(env);
    // Every trigger also relays the outbox rows a request's waitUntil did not (an isolate evicted first).
    ctx.waitUntil(relay(deps, env, 'cron'));
    const moment = new Date(controller.scheduledTime);
    let failed: unknown;
    for (const { name, app } of scheduledFunctions) {
      const fn = app as ScheduledFunction;
      try {
        if (!isDue(fn.cron(deps.config), moment, deps.config.hospitalTimeZone)) continue;
        const { enqueued } = await fn.run(deps, moment);
        deps.log.info('scheduled function ran', { name, enqueued, at: moment.toISOString() });
      } catch (err) {
        // One function failing must not keep the other from running; the trigger is reported failed after.
        deps.log.error('scheduled function failed', { name, error: (err as Error).message });
        failed = err;
      }
    }
    if (failed) throw failed;
  },

  async queue(batch, env) {
    const deps = await depsFor(env);
    await consumeJobs(deps, batch.messages);
  },
} satisfies ExportedHandler<WorkerEnv, JobMessage>;
