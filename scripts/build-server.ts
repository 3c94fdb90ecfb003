/**
 * The production server (ADR 014): `local-runner.ts` and `jobs/main.ts` bundled by esbuild into
 * dist/node/, so `NODE_ENV=production npm start` runs plain JavaScript under node, not TypeScript through
 * tsx (half the start-up time and a third less memory, issue 6). Packages stay in node_modules (native
 * ones must); our own code is one file per entry, with a source map for readable stacks. The function
 * files are listed at bundle time, as for the Worker.
 */
import { rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { listFunctionFiles } from '../shared/runtime/node/load-functions';
import { functionsPlugin } from './functions-plugin';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTIONS = join(ROOT, 'functions');
export const SERVER_OUTDIR = join(ROOT, 'dist/node');
export const SERVER_ENTRY = join(SERVER_OUTDIR, 'local-runner.js');

export async function buildServer(outdir = SERVER_OUTDIR): Promise<{ files: Array<{ path: string; bytes: number }>; functions: number }> {
  const files = listFunctionFiles(FUNCTIONS);
  // Chunk names carry a hash: clear the folder so no stale chunk is left beside the new ones.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { 'local-runner': join(ROOT, 'local-runner.ts'), jobs: join(ROOT, 'jobs/main.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Code only some starts need (the development inbox, Vite) stays in chunks of its own, loaded when used.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    plugins: [functionsPlugin(ROOT, FUNCTIONS, files, { filter: /^\.\/load-functions$/, importer: /node-api\.ts$/, shape: 'loadFunctions' })],
  });
  const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
  return { files: outputs.map((f) => ({ path: f, bytes: statSync(join(ROOT, f)).size })), functions: files.length };
}

async function main() {
  const started = performance.now();
  const built = await buildServer();
  const sizes = built.files.map((f) => `${relative(ROOT, join(ROOT, f.path)).split(sep).join('/')} ${(f.bytes / 1024).toFixed(0)} KB`).join(', ');
  console.log(`server: ${sizes}; ${built.functions} functions; ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
