/**
 * `npm run invoke -- <function> [--as EMAIL] [--method M] [--path /api/...] [--json '{...}']`
 * Runs one function file against the configured database and Redis, as the runner would mount it,
 * and prints the status and the body. `--as` signs in as that user for this one call (the session is
 * ended afterwards). Example: npm run invoke -- auth/me --as admin@hospital.local
 * `--help` (or `-h`) prints the usage and the function files there are, and exits 0; no function name
 * or an unknown option prints the same and exits 2.
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
import { functionName, listFunctionFiles } from '../shared/runtime/node/load-functions';

const FUNCTIONS = fileURLToPath(new URL('../functions', import.meta.url));

/** What `--help` prints: the options, then every function file there is, by the name invoke takes. */
export function usage(): string {
  const names = existsSync(FUNCTIONS) ? listFunctionFiles(FUNCTIONS).map((file) => functionName(FUNCTIONS, file)) : [];
  return [
    'usage: npm run invoke -- <area/name> [--as EMAIL] [--method GET|POST|...] [--path /api/...] [--json JSON]',
    '',
    'Runs one function file against the configured database and Redis and prints the status and the body.',
    '  --as EMAIL     sign in as this user for this one call',
    "  --method M     the HTTP method (default: the route's own; POST with --json)",
    '  --path P       the path to call, with real values for parameters (/api/doctors/123)',
    '  --json JSON    the request body',
    '  -h, --help     this text',
    '',
    'Function files (functions/<area/name>.ts):',
    ...names.map((name) => `  ${name}`),
    '',
    'Example: npm run invoke -- auth/me --as admin@hospital.local',
  ].join('\n');
}

export interface InvokeArgs {
  name: string | undefined;
  help: boolean;
  as?: string;
  method?: string;
  path?: string;
  json?: string;
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const argv = process.argv.slice(2);
    if (parseInvokeArgs(argv).help) {
      console.log(usage());
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
