/**
 * Serves the API (and, on the web port, the built web app) with @hono/node-server. Each request gets
 * Deps and the socket's peer address as Hono bindings. `close()` stops accepting, lets requests in
 * flight finish, then drops idle keep-alive connections.
 */
import type { Server } from 'node:http';
import { serve, type HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Api } from '../../http/api';
import { webSecurityHeaders } from '../../http/web-headers';
import type { Deps } from '../deps';

export interface RunningServer {
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Limits for slow or stalled clients. Node's defaults give a request 300 s to arrive and check only every
 * 30 s; a few clients trickling bytes could hold connections for minutes. Keep-alive stays below the
 * header limit, as Node asks, so a reused connection is never cut while a request is on its way.
 */
export const SERVER_TIMEOUTS = {
  /** The whole header block of a request. */
  headersTimeout: 15_000,
  /** The whole request, body included (not the time to answer it). */
  requestTimeout: 30_000,
  /** An idle connection between two requests. */
  keepAliveTimeout: 5_000,
  /** How often those limits are checked. */
  connectionsCheckingInterval: 2_000,
} as const;

export function apiFetch(api: Api, deps: Deps) {
  return (request: Request, env: HttpBindings) =>
    api.fetch(request, { deps, clientAddress: env.incoming.socket.remoteAddress ?? undefined, baseHeaders: env.outgoing });
}

export async function listen(fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>, port: number, hostname?: string): Promise<RunningServer> {
  const server = await new Promise<Server>((done, fail) => {
    const s = serve({ fetch: fetch as never, port, serverOptions: SERVER_TIMEOUTS, ...(hostname ? { hostname } : {}) }, () => done(s as Server)) as Server;
    s.once('error', fail);
  });
  return {
    port: (server.address() as { port: number }).port,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      }),
  };
}

/**
 * The production web server: the built SPA from `web/dist`, with `/api/*` answered by the same API in
 * this process (same origin, so no CORS and the session cookie just works). Unknown paths that are not
 * files get index.html, so deep links into the app load.
 */
export function webFetch(api: Api, deps: Deps, distDir: string) {
  const web = new Hono<{ Bindings: HttpBindings }>();
  const toApi = apiFetch(api, deps);
  // The same for every answer, so worked out once (CSP, Permissions-Policy, HSTS when served over https).
  const securityHeaders = webSecurityHeaders(deps.config.webOrigins);
  web.all('/api/*', (c) => toApi(c.req.raw, c.env));
  web.use('*', async (c, next) => {
    await next();
    // Set on the response itself: `c.header()` after next() would copy the response, and @hono/node-server
    // would then lose its fast path for it.
    const headers = c.res.headers;
    for (const [name, value] of securityHeaders) headers.set(name, value);
    // Vite puts a content hash in every asset name: cache those for a year, never the page itself.
    const immutable = c.req.path.startsWith('/assets/') && c.res.ok;
    headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  web.use('*', serveStatic({ root: distDir }));
  web.get('*', serveStatic({ root: distDir, rewriteRequestPath: () => '/index.html' }));
  return web.fetch;
}
