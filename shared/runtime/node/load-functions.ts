/**
 * Finds every function file under `functions/` (not tests) and imports its default export, so adding
 * an endpoint means adding a file. The Worker build does the same at bundle time (scripts/build-worker.ts).
 * `functions/scheduled/` holds scheduled functions, not HTTP routes (ADR 026): the HTTP lists skip it and
 * `listScheduledFiles` lists it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionApp } from '../../http/define-function';

/** The folder of scheduled functions, relative to `functions/`. */
export const SCHEDULED_DIR = 'scheduled';

function walkFunctionFiles(root: string, skip: (dir: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip(path)) walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(test|spec|d)\.ts$/.test(entry.name)) found.push(path);
    }
  };
  walk(root);
  return found;
}

/** Every HTTP function file (functions/scheduled/ is not one). */
export function listFunctionFiles(root: string): string[] {
  const scheduled = join(root, SCHEDULED_DIR);
  return walkFunctionFiles(root, (dir) => dir === scheduled);
}

/** Every scheduled function file (functions/scheduled/<name>.ts). */
export function listScheduledFiles(root: string): string[] {
  const dir = join(root, SCHEDULED_DIR);
  return existsSync(dir) ? walkFunctionFiles(dir, () => false) : [];
}

/** `functions/auth/me.ts` → `auth/me`: the name `npm run invoke` takes. */
export function functionName(root: string, file: string): string {
  return relative(root, file).split(sep).join('/').replace(/\.ts$/, '');
}

export async function loadFunctions(root: string): Promise<Array<{ name: string; app: FunctionApp }>> {
  const loaded = [];
  for (const file of listFunctionFiles(root)) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: FunctionApp };
    if (!mod.default || typeof mod.default.fetch !== 'function') {
      throw new Error(`${relative(process.cwd(), file)} has no default export of a Hono app`);
    }
    loaded.push({ name: functionName(root, file), app: mod.default });
  }
  return loaded;
}
