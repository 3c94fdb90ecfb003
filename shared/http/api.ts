/**
 * The whole API as one Hono app: every function file mounted under `/api`, wrapped in what is true of
 * every request (a request id, one log line, security headers, the origin rule for state-changing
 * requests, the body size limit) and answering unknown paths with the JSON 404. The local runner,
 * the Worker entry and the invoke command all serve exactly this.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { FunctionApp } from './define-function';
import type { AppEnv } from './env';
import { errorBody, errorResponse, forbidden, payloadTooLarge } from './errors';
import { openApiFunction } from './openapi';
import { MAX_BODY_BYTES } from './validate';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function buildApi(functions: FunctionApp[]) {
  const api = new Hono<AppEnv>();
  api.onError(errorResponse);

  api.use('*', async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
    c.env.deps.log.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  api.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      // A route that sets a header of its own keeps it (the reference page at /api/docs has its own CSP).
      overwrite: false,
    }),
  );

  api.use('*', async (c, next) => {
    // Answers about patients must never sit in a shared cache.
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  api.use('*', async (c, next) => {
    // Cross-site request forgery: a browser names the page's origin on state-changing requests.
    // Scripts send no Origin and are judged by their session alone (API.md "Conventions"). The API's own
    // origins come from configuration: the request's URL carries whatever Host the client chose to send.
    const origin = c.req.header('origin');
    if (!SAFE_METHODS.has(c.req.method) && origin !== undefined) {
      const { webOrigins, apiOrigins } = c.env.deps.config;
      if (!webOrigins.includes(origin) && !apiOrigins.includes(origin)) throw forbidden('Requests from another site are not accepted.');
    }
    await next();
  });

  api.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw payloadTooLarge(); } }));

  const mounted: FunctionApp[] = [...functions, openApiFunction(() => mounted)];
  for (const fn of mounted) api.route('/api', fn);

  api.notFound((c) => c.json(errorBody('not_found', 'There is no such endpoint.'), 404));
  return api;
}

export type Api = ReturnType<typeof buildApi>;
