/**
 * The web app's build and dev server. Used two ways (ARCHITECTURE.md):
 * - `npm run build` (`vite build --config web/vite.config.ts`) writes `web/dist`, which the local runner
 *   serves itself on WEB_PORT (SPA fallback to index.html, `/api/*` answered by the same API);
 * - `npm run dev`: the runner runs Vite in middleware mode on its own server on WEB_PORT and answers
 *   `/api/*` in process (shared/runtime/node/vite-dev-server.ts);
 * - `npx vite --config web/vite.config.ts` alone serves the sources and proxies `/api` to API_PORT.
 * Paths are resolved from this file, never from the working directory, so both callers get the same app.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { WEB_CONTENT_SECURITY_POLICY } from '../shared/http/web-headers.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webPort = Number(process.env.WEB_PORT ?? 3000);
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 5000}`;

const apiProxy = { '/api': { target: apiTarget, changeOrigin: false, xfwd: false } };

/**
 * The Content-Security-Policy as a meta tag, for the built page only (the dev server injects inline styles
 * and a client for hot reloading). The policy lives in shared/http/web-headers.ts; the runner's web server
 * sends the same policy as a header, with `frame-ancestors`, which a meta tag cannot set.
 */
export const contentSecurityPolicy: Plugin = {
  name: 'wardline-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: WEB_CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  root: webRoot,
  plugins: [solid(), contentSecurityPolicy],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    port: webPort,
    strictPort: true,
    proxy: apiProxy,
    // The forms import the shared valibot schemas from ../shared.
    fs: { allow: [repoRoot] },
  },
  preview: {
    host: '127.0.0.1',
    port: webPort,
    strictPort: true,
    proxy: apiProxy,
  },
});
