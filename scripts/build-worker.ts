/**
 * `npm run build:worker`: bundles the Worker (shared/runtime/worker/entry.ts) into dist/worker.js for
 * wrangler and Miniflare. The list of functions is generated here at bundle time from every non-test
 * file under functions/ (the same scan the Node loader does), served to the entry as the virtual module
 * `virtual:wardline-functions`: adding an endpoint still means adding one file.
 *
 * The bundle must hold no Node-only package. If one sneaks in, some import crossed the Deps boundary
 * (ARCHITECTURE rule 1): the build fails and names the importer rather than marking it external.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { functionName, listFunctionFiles } from '../shared/runtime/node/load-functions';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'shared/runtime/worker/entry.ts');
const FUNCTIONS = join(ROOT, 'functions');
const VIRTUAL = 'virtual:wardline-functions';

/** Packages that only run under Node; reaching one from the entry means an adapter leaked inward. */
const NODE_ONLY = ['better-sqlite3', 'ioredis', 'bullmq', '@node-rs/argon2', 'pg', 'nodemailer', '@hono/node-server'];

function functionsPlugin(files: string[]): Plugin {
  return {
    name: 'wardline-functions',
    setup(b) {
      b.onResolve({ filter: /^virtual:wardline-functions$/ }, () => ({ path: VIRTUAL, namespace: 'wardline' }));
      b.onLoad({ filter: /.*/, namespace: 'wardline' }, () => {
        const imports = files.map((file, i) => `import * as f${i} from ${JSON.stringify(file)};`);
        const entries = files.map((file, i) => `  { name: ${JSON.stringify(functionName(FUNCTIONS, file))}, app: f${i}.default },`);
        return {
          contents: [...imports, 'export default [', ...entries, '];', ''].join('\n'),
          loader: 'js',
          resolveDir: ROOT,
        };
      });
    },
  };
}

function packageOf(input: string): string | null {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1] ?? null;
}

/** Every Node-only package in the bundle with the files that import it, for the error message. */
function nodeOnlyInputs(metafile: Metafile): string[] {
  const problems: string[] = [];
  for (const [path] of Object.entries(metafile.inputs)) {
    const pkg = packageOf(path);
    if (!pkg || !NODE_ONLY.includes(pkg)) continue;
    const importers = Object.entries(metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => i.path === path))
      .map(([importer]) => importer)
      .filter((importer) => packageOf(importer) !== pkg);
    if (importers.length > 0) problems.push(`${pkg} (imported by ${importers.join(', ')})`);
  }
  return problems;
}

export interface WorkerBuild {
  outfile: string;
  bytes: number;
  functions: string[];
}

export async function buildWorker(outfile: string): Promise<WorkerBuild> {
  const files = listFunctionFiles(FUNCTIONS);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    // workerd is neither Node nor a browser: neutral, with the export conditions workerd-aware
    // packages publish. A `node:` import then fails to resolve instead of slipping in.
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    // Readable stack traces in `wrangler tail` are worth more than the few hundred KB minifying saves.
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    plugins: [functionsPlugin(files)],
  });
  const leaked = nodeOnlyInputs(result.metafile);
  if (leaked.length > 0) {
    throw new Error(`Node-only packages reached the Worker bundle; an import crossed the Deps boundary: ${leaked.join('; ')}`);
  }
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
