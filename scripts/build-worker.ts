/**
 * `npm run build:worker`: bundles the Worker (shared/runtime/worker/entry.ts) into dist/worker.js for
 * wrangler and Miniflare. The list of functions is generated here at bundle time from every non-test
 * file under functions/ (the same scan the Node loader does), served to the entry as the virtual module
 * `virtual:wardline-functions`: adding an endpoint still means adding one file. The scheduled functions
 * (functions/scheduled/, not HTTP routes) come the same way as `virtual:wardline-scheduled`, for the
 * Worker's cron handler.
 *
 * The bundle must hold no Node-only package and no `node:` built-in. Reaching one means some import
 * crossed the Deps boundary (ARCHITECTURE rule 1): the build fails and names the importing file rather
 * than marking the package external.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { functionName, listFunctionFiles, listScheduledFiles } from '../shared/runtime/node/load-functions';
import { functionsPlugin } from './functions-plugin';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'shared/runtime/worker/entry.ts');
const FUNCTIONS = join(ROOT, 'functions');

/** Packages that only run under Node; reaching one from the entry means an adapter leaked inward. */
const NODE_ONLY = ['better-sqlite3', 'ioredis', 'bullmq', '@node-rs/argon2', 'pg', 'nodemailer', '@hono/node-server'];

/**
 * Fails the build at the import that crosses the Deps boundary and names the file it is in: esbuild's
 * own errors would point deep inside node_modules (a missing "net" under ioredis, say).
 */
function depsBoundaryGuard(): Plugin {
  const escaped = NODE_ONLY.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const nodeOnly = new RegExp(`^(node:|(${escaped.join('|')})(/|$))`);
  return {
    name: 'deps-boundary',
    setup(b) {
      b.onResolve({ filter: nodeOnly }, (args) => ({
        errors: [
          {
            text:
              `${args.path} is Node-only and must not reach the Worker, but ${relative(ROOT, args.importer).split(sep).join('/')} imports it. ` +
              'Functions and shared code get such things through Deps; only entry points build Node adapters (ARCHITECTURE rule 1).',
          },
        ],
      }));
    },
  };
}

export interface WorkerBuild {
  outfile: string;
  bytes: number;
  functions: string[];
}

export async function buildWorker(outfile: string): Promise<WorkerBuild> {
  const files = listFunctionFiles(FUNCTIONS);
  const scheduled = listScheduledFiles(FUNCTIONS);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    // workerd is neither Node nor a browser: neutral, with the export conditions workerd-aware
    // packages publish, so nothing Node-flavoured is picked by default.
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    // Readable stack traces in `wrangler tail` are worth more than what minifying saves (about 50 KB
    // gzipped, against Cloudflare's 3 MB compressed limit).
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [
      depsBoundaryGuard(),
      functionsPlugin(ROOT, FUNCTIONS, files, { filter: /^virtual:wardline-functions$/, shape: 'default' }),
      functionsPlugin(ROOT, FUNCTIONS, scheduled, { filter: /^virtual:wardline-scheduled$/, shape: 'default', namespace: 'wardline-scheduled' }),
    ],
  });
  return { outfile, bytes: statSync(outfile).size, functions: files.map((file) => functionName(FUNCTIONS, file)) };
}

async function main() {
  const outfile = join(ROOT, 'dist/worker.js');
  const started = performance.now();
  const built = await buildWorker(outfile);
  const kb = (built.bytes / 1024).toFixed(1);
  const ms = Math.round(performance.now() - started);
  console.log(`${relative(process.cwd(), outfile).split(sep).join('/')}: ${kb} KB, ${built.functions.length} functions, ${ms} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
