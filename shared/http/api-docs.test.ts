import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import me from '../../functions/auth/me';
import { swaggerUiAssets } from '../runtime/node/docs-assets';
import { apiDocs, DOCS_CSP } from './api-docs';

const world = useTestWorld();
const assets = swaggerUiAssets();
const installed = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), 'utf8')).version as string;
const client = () => testClient(world().deps, [me, apiDocs(assets)]);
const assetPath = (file: string, version = installed) => `/api/docs/assets/swagger-ui-dist@${version}/${file}`;

describe('GET /api/docs', () => {
  test('serves a page that loads Swagger UI from this server only, under its own narrow CSP', async () => {
    const res = await client().get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(DOCS_CSP).toContain("script-src 'self'");
    expect(DOCS_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // No inline script (the CSP would refuse it) and no address of another host.
    expect(res.text).not.toMatch(/<script>|<script [^>]*>[^<]/);
    expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(res.text).toContain(`docs/assets/swagger-ui-dist@${installed}/swagger-ui-bundle.js`);
    expect(res.text).toContain(`docs/assets/swagger-ui-dist@${installed}/swagger-ui.css`);
  });

  test('every other answer keeps the API-wide CSP', async () => {
    const res = await client().get('/api/auth/me');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const script = await client().get('/api/docs/init.js');
    expect(script.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  test('the start-up script reads the document next to the page and calls no online validator', async () => {
    const res = await client().get('/api/docs/init.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.text).toContain("url: 'openapi.json'");
    expect(res.text).toContain('validatorUrl: null');
    expect(res.text).not.toMatch(/https?:/);
  });

  test("Swagger UI's files are the installed package's, cached for a year under a versioned name", async () => {
    for (const [file, type] of [['swagger-ui-bundle.js', /^text\/javascript/], ['swagger-ui.css', /^text\/css/]] as const) {
      const res = await client().get(assetPath(file));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.text).toBe(readFileSync(createRequire(import.meta.url).resolve(`swagger-ui-dist/${file}`), 'utf8'));
    }
  });

  test('another version, another file of the package, or a path outside it is 404, never a file from disk', async () => {
    for (const path of [
      assetPath('swagger-ui.css', '0.0.1'),
      assetPath('package.json'),
      assetPath('swagger-ui-bundle.js.map'),
      assetPath('..%2F..%2Fpackage.json'),
      `/api/docs/assets/swagger-ui-dist@${installed}/../../../package.json`,
      '/api/docs/assets/..%2F..%2F..%2Fetc/passwd',
    ]) {
      const res = await client().get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toBe('not_found');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});
