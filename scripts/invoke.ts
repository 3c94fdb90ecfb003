/**
 * `npm run invoke -- <function> [--as EMAIL] [--method M] [--path /api/...] [--json '{...}']`
 * Runs one function file against the configured database and Redis, as the runner would mount it,
 * and prints the status and the body. `--as` signs in as that user for this one call (the session is
 * ended afterwards). Example: npm run invoke -- auth/me --as admin@hospital.local
 * `--help` (or `-h`) prints the usage and the function files there are, and exits 0; no function name
 * or an unknown option prints the same and exits 2.
 *
 * `npm run invoke -- scheduled/<name> [--now ISO]` runs a scheduled function (functions/scheduled/) once
 * for that moment (default: now) and prints the jobs it enqueued. Its job ids are stable, so running it
 * again for the same moment enqueues nothing new (ADR 026).
 */
import { environment } from '../shared/runtime/node/env-file';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../shared/config';
import { buildApi } from '../shared/http/api';
import type { FunctionApp } from '../shared/http/define-function';
import { createNodeLogger } from '../shared/runtime/node/log-sink';
import { buildNodeDeps } from '../shared/runtime/node/build-deps';
import { functionName, listFunctionFiles, listScheduledFiles } from '../shared/runtime/node/load-functions';
import type { ScheduledFunction } from '../shared/jobs/scheduled';
import type { JobRequest } from '../shared/runtime/deps';

const FUNCTIONS = fileURLToPath(new URL('../functions', import.meta.url));

/** What `--help` prints: the options, then every function file there is, by the name invoke takes. */
export function usage(): string {
  const names = existsSync(FUNCTIONS) ? listFunctionFiles(FUNCTIONS).map((file) => functionName(FUNCTIONS, file)) : [];
  const scheduled = existsSync(FUNCTIONS) ? listScheduledFiles(FUNCTIONS).map((file) => functionName(FUNCTIONS, file)) : [];
  return [
    'usage: npm run invoke -- <area/name> [--as EMAIL] [--method GET|POST|...] [--path /api/...] [--json JSON]',
    '       npm run invoke -- scheduled/<name> [--now ISO-INSTANT]',
    '',
    'Runs one function file against the configured database and Redis and prints the status and the body.',
    '  --as EMAIL     sign in as this user for this one call',
    "  --method M     the HTTP method (default: the route's own; POST with --json)",
    '  --path P       the path to call, with real values for parameters (/api/doctors/123)',
    '  --json JSON    the request body',
    '  --now ISO      (scheduled functions) run for this moment, e.g. 2026-12-01T08:00:00Z (default: now)',
    '  -h, --help     this text',
    '',
    'Function files (functions/<area/name>.ts):',
    ...names.map((name) => `  ${name}`),
    '',
    'Scheduled functions (functions/scheduled/<name>.ts; they only enqueue jobs):',
    ...scheduled.map((name) => `  ${name}`),
    '',
    'Example: npm run invoke -- auth/me --as admin@hospital.local',
    'Example: npm run invoke -- scheduled/daily-reminders --now 2026-12-01T08:00:00Z',
  ].join('\n');
}

export interface InvokeArgs {
  name: string | undefined;
  help: boolean;
  as?: string;
  method?: string;
  path?: string;
  json?: string;
  now?: string;
}

/** The command line, or a UsageError saying what is wrong with it (never Node's own parse error). */
export function parseInvokeArgs(argv: string[]): InvokeArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        method: { type: 'string' },
        path: { type: 'string' },
        json: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return { ...values, name: positionals[0], help: values.help ?? false };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw err;
    // Node's text goes on about `--` for positionals starting with a dash, which npm has already eaten.
    const what = (err as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new UsageError(`${what}.\n${usage()}`);
  }
}

export async function invoke(argv: string[], env: Record<string, string | undefined>): Promise<{ status: number; body: string }> {
  const values = parseInvokeArgs(argv);
  const { name } = values;
  if (values.help || !name) throw new UsageError(usage());
  if (isScheduledName(name)) throw new UsageError(`${name} is a scheduled function: run it with invokeScheduled\n${usage()}`);
  if (values.now !== undefined) throw new UsageError(`--now is for scheduled functions (scheduled/<name>)\n${usage()}`);
  const file = resolve(FUNCTIONS, `${name.replace(/\.ts$/, '')}.ts`);
  if (!existsSync(file)) throw new UsageError(`no function file functions/${name}.ts\n${usage()}`);
  const app = ((await import(pathToFileURL(file).href)) as { default: FunctionApp }).default;

  // The route the file declares, unless --path names a concrete one (for :id paths).
  const routes = app.routes.filter((r) => r.method !== 'ALL');
  const method = (values.method ?? (values.json ? 'POST' : routes[0]?.method ?? 'GET')).toUpperCase();
  const route = routes.find((r) => r.method === method) ?? routes[0];
  const path = values.path ?? `/api${route?.path ?? ''}`;
  if (path.includes('/:')) throw new UsageError(`${path} has parameters: pass --path with real values`);

  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  const node = await buildNodeDeps(config, { log: createNodeLogger(config.logLevel), migrate: true });
  let token: string | undefined;
  try {
    const headers = new Headers();
    if (values.as) {
      const user = await node.deps.db.selectFrom('users').select('id').where('email', '=', values.as.trim().toLowerCase()).executeTakeFirst();
      if (!user) throw new UsageError(`no user with the email ${values.as}`);
      token = (await node.deps.sessions.create(user.id)).token;
      headers.set('cookie', `${config.session.cookieName}=${token}`);
    }
    if (values.json !== undefined) headers.set('content-type', 'application/json');
    const response = await buildApi([app]).request(
      path,
      { method, headers, ...(values.json !== undefined ? { body: values.json } : {}) },
      { deps: node.deps, clientAddress: '127.0.0.1' },
    );
    return { status: response.status, body: await response.text() };
  } finally {
    // The --as session lives for this one call, whatever happened in it.
    if (token) await node.deps.sessions.invalidate(token);
    await node.close();
  }
}

export class UsageError extends Error {}

/** `scheduled/daily-reminders`: a scheduled function, not an HTTP one. */
export function isScheduledName(name: string): boolean {
  return name.startsWith('scheduled/');
}

export interface ScheduledRun {
  name: string;
  /** The moment it ran for (ISO). */
  now: string;
  enqueued: number;
  /** What it handed to the queue, in order. */
  jobs: Array<{ name: string; jobId: string | undefined; payload: Record<string, string | number> }>;
}

/** Runs one scheduled function once for `--now` (default: the clock) and answers what it enqueued. */
export async function invokeScheduled(argv: string[], env: Record<string, string | undefined>): Promise<ScheduledRun> {
  const values = parseInvokeArgs(argv);
  const name = values.name?.replace(/\.ts$/, '');
  if (values.help || !name || !isScheduledName(name)) throw new UsageError(usage());
  for (const option of ['as', 'method', 'path', 'json'] as const) {
    if (values[option] !== undefined) throw new UsageError(`--${option} does not apply to a scheduled function\n${usage()}`);
  }
  const file = listScheduledFiles(FUNCTIONS).find((f) => functionName(FUNCTIONS, f) === name);
  if (!file) throw new UsageError(`no scheduled function functions/${name}.ts\n${usage()}`);
  let now: Date | undefined;
  if (values.now !== undefined) {
    // An instant, not a wall time: without a zone the moment would depend on this machine's TZ.
    if (!/(Z|[+-]\d\d:\d\d)$/i.test(values.now) || Number.isNaN(Date.parse(values.now))) {
      throw new UsageError(`--now must be an ISO instant with a zone, such as 2026-12-01T08:00:00Z (got ${values.now})`);
    }
    now = new Date(values.now);
  }
  const fn = ((await import(pathToFileURL(file).href)) as { default: ScheduledFunction }).default;

  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  const node = await buildNodeDeps(config, { log: createNodeLogger(config.logLevel), migrate: true });
  try {
    // The real producer, watched: what went to the queue is printed.
    const jobs: ScheduledRun['jobs'] = [];
    const real = node.deps.jobs;
    const record = (list: JobRequest[]) => list.forEach((j) => jobs.push({ name: j.name, jobId: j.options?.jobId, payload: j.payload }));
    const deps = {
      ...node.deps,
      jobs: {
        ...real,
        enqueue: async (jobName: string, payload: Record<string, string | number>, options?: JobRequest['options']) => {
          await real.enqueue(jobName, payload, options);
          record([{ name: jobName, payload, options }]);
        },
        enqueueMany: async (list: JobRequest[]) => {
          await real.enqueueMany(list);
          record(list);
        },
      },
    };
    const moment = now ?? node.deps.clock();
    const { enqueued } = await fn.run(deps, moment);
    return { name, now: moment.toISOString(), enqueued, jobs };
  } finally {
    await node.close();
  }
}

/** What the command prints for a scheduled run: a summary line, then one line per job (the first 50). */
export function describeScheduledRun(run: ScheduledRun, limit = 50): string {
  const lines = [`${run.name} for ${run.now}: enqueued ${run.enqueued} job${run.enqueued === 1 ? '' : 's'} (a job id already queued is kept once)`];
  for (const job of run.jobs.slice(0, limit)) lines.push(`  ${job.name} ${job.jobId ?? '(no id)'} ${JSON.stringify(job.payload)}`);
  if (run.jobs.length > limit) lines.push(`  … and ${run.jobs.length - limit} more`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const argv = process.argv.slice(2);
    if (parseInvokeArgs(argv).help) {
      console.log(usage());
      process.exit(0);
    }
    const name = parseInvokeArgs(argv).name;
    if (name && isScheduledName(name)) {
      console.log(describeScheduledRun(await invokeScheduled(argv, environment())));
      process.exit(0);
    }
    const { status, body } = await invoke(argv, environment());
    console.log(`HTTP ${status}`);
    if (body) {
      try {
        console.log(JSON.stringify(JSON.parse(body), null, 2));
      } catch {
        console.log(body);
      }
    }
    process.exit(status >= 400 ? 1 : 0);
  } catch (err) {
    console.error(err instanceof UsageError || err instanceof ConfigError ? err.message : err);
    process.exit(2);
  }
}
