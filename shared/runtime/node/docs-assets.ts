/**
 * The Swagger UI files for `GET /api/docs` (shared/http/api-docs.ts), read from the installed
 * swagger-ui-dist package once and then kept in memory (about 1.9 MB).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocsAssets, DocsFile } from '../../http/api-docs';

export function swaggerUiAssets(): DocsAssets {
  const manifest = createRequire(import.meta.url).resolve('swagger-ui-dist/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dir = dirname(manifest);
  const cache = new Map<DocsFile, Promise<Uint8Array>>();
  return {
    version,
    read(file) {
      let bytes = cache.get(file);
      if (!bytes) {
        bytes = readFile(join(dir, file));
        // A failed read is not kept: the next request tries again.
        bytes.catch(() => cache.delete(file));
        cache.set(file, bytes);
      }
      return bytes;
    },
  };
}
