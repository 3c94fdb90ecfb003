/**
 * The whole API as one Hono app: every function file mounted under `/api`, wrapped in what is true of
 * every request (a request id, one log line, security headers, the origin rule for state-changing
 * requests, the body size limit) and answering unknown paths with the JSON 404. The local runner,
 * the Worker entry and the invoke command all serve exactly this.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { FunctionApp } from './define-function';
import type { AppEnv } from './env';
import { errorBody, errorResponse, forbidden, payloadTooLarge } from './errors';
import { openApiFunction } from './openapi';
import { MAX_BODY_BYTES } from './validate';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The headers every answer carries unless its route set its own, worked out once: what hono's
 * secureHeaders() wrote with our options (nothing an API answer needs to load or frame), and no-store,
 * since answers about patients must never sit in a shared cache.
 */
const EVERY_ANSWER: ReadonlyArray<readonly [string, string]> = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

export function buildApi(functions: FunctionApp[]) {
  const api = new Hono<AppEnv>();
  api.onError(errorResponse);

  // One middleware for what every answer gets. Headers go beneath the answer where the entry point can
  // put them there (Node), else onto the Response with `c.res.headers.set` after the handler: `c.header()`
  // there would rebuild @hono/node-server's light Response as a full one and take its slow write path.
  api.use('*', async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    const base = c.env.baseHeaders;
    if (base) {
      for (const [name, value] of EVERY_ANSWER) base.setHeader(name, value);
      base.setHeader('X-Request-Id', requestId);
    }
    await next();
    if (!base) {
      const headers = c.res.headers;
      // A route that sets one of these itself keeps its own (the reference page at /api/docs has its own CSP).
      for (const [name, value] of EVERY_ANSWER) if (!headers.has(name)) headers.set(name, value);
      headers.set('X-Request-Id', requestId);
    }
    c.env.deps.log.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  // What only a request that changes something needs: the origin rule and the body size limit. A GET
  // skips both (bodyLimit would build a full Request and an AbortController just to find no body).
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw payloadTooLarge(); } });
  api.use('*', async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // Cross-site request forgery: a browser names the page's origin on state-changing requests.
    // Scripts send no Origin and are judged by their session alone (API.md "Conventions"). The API's own
    // origins come from configuration: the request's URL carries whatever Host the client chose to send.
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const { webOrigins, apiOrigins } = c.env.deps.config;
      if (!webOrigins.includes(origin) && !apiOrigins.includes(origin)) throw forbidden('Requests from another site are not accepted.');
    }
    return limitBody(c, next);
  });

  const mounted: FunctionApp[] = [...functions, openApiFunction(() => mounted)];
  for (const fn of mounted) api.route('/api', fn);

  api.notFound((c) => c.json(errorBody('not_found', 'There is no such endpoint.'), 404));
  return api;
}

export type Api = ReturnType<typeof buildApi>;
