/**
 * Finds every function file under `functions/` (not tests) and imports its default export, so adding
 * an endpoint means adding a file. The Worker build does the same at bundle time (scripts/build-worker.ts).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionApp } from '../../http/define-function';

export function listFunctionFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.(test|spec|d)\.ts$/.test(entry.name)) found.push(path);
    }
  };
  walk(root);
  return found;
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
