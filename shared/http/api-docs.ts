/**
 * `GET /api/docs`: a readable reference of the API, Swagger UI (the npm package swagger-ui-dist) reading
 * `/api/openapi.json`. Everything the page loads comes from this server: no CDN, no fonts from
 * elsewhere, no online validator. The page has a Content-Security-Policy of its own that allows its own
 * scripts and styles and nothing else (the API's `default-src 'none'` would blank it).
 *
 * Platform-neutral: the Swagger UI files come through `DocsAssets`, which an entry point supplies
 * (shared/runtime/node/docs-assets.ts reads them from node_modules). The Worker mounts no docs (ADR 010).
 */
import { newFunction, type FunctionApp } from './define-function';
import { notFound } from './errors';
import { describe } from './route-meta';

/** The files of swagger-ui-dist the page uses, with their media types. Nothing else is served. */
export const DOCS_FILES = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;
export type DocsFile = keyof typeof DOCS_FILES;

export interface DocsAssets {
  /** The installed swagger-ui-dist version; it is part of every asset URL, so they can be cached for good. */
  version: string;
  read(file: DocsFile): Promise<Uint8Array>;
}

/**
 * Swagger UI's React renders styles through the DOM (allowed), its icons are data: SVGs; its
 * "Try it out" calls the API on the same origin. Nothing may be framed, posted elsewhere or based elsewhere.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Starts Swagger UI on the document; paths are relative to /api/docs, so any mount point works. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: 'openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
    validatorUrl: null,
    withCredentials: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

function page(assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wardline API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetBase}/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><p>Loading the API reference&hellip; It needs JavaScript; the raw document is <a href="openapi.json">openapi.json</a>.</p></main>
<script src="${assetBase}/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;
}

export function apiDocs(assets: DocsAssets): FunctionApp {
  const packageName = `swagger-ui-dist@${assets.version}`;
  const html = page(`docs/assets/${packageName}`);
  return newFunction()
    .get(
      '/docs',
      describe({
        summary: 'This reference, readable in a browser',
        tag: 'reference',
        operationId: 'getDocs',
        responses: { 200: { contentType: 'text/html', description: 'Swagger UI showing /api/openapi.json' } },
      }),
      (c) => {
        c.header('Content-Security-Policy', DOCS_CSP);
        c.header('Cache-Control', 'no-cache');
        return c.html(html);
      },
    )
    .get(
      '/docs/init.js',
      describe({
        summary: 'The script that starts the reference page',
        tag: 'reference',
        operationId: 'getDocsScript',
        responses: { 200: { contentType: 'text/javascript' } },
      }),
      (c) => {
        c.header('Content-Type', 'text/javascript; charset=utf-8');
        c.header('Cache-Control', 'no-cache');
        return c.body(INIT_SCRIPT);
      },
    )
    .get(
      '/docs/assets/:package/:file',
      describe({
        summary: 'A file of Swagger UI, the reference page',
        description: '`package` is `swagger-ui-dist@<installed version>`, so an answer may be cached for a year.',
        tag: 'reference',
        operationId: 'getDocsAsset',
        responses: { 200: { contentType: 'text/javascript', description: 'The script or the style sheet' } },
        errors: { 404: 'not_found' },
      }),
      async (c) => {
        const file = c.req.param('file');
        if (c.req.param('package') !== packageName || !Object.hasOwn(DOCS_FILES, file)) throw notFound('That file');
        const bytes = await assets.read(file as DocsFile);
        c.header('Content-Type', DOCS_FILES[file as DocsFile]);
        c.header('Cache-Control', IMMUTABLE);
        return c.body(bytes as Uint8Array<ArrayBuffer>);
      },
    );
}
