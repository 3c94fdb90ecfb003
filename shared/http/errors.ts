/**
 * The one error envelope of API.md: `{ error: { code, message, fields? } }`. Handlers throw
 * `HttpError`s; `errorResponse` turns anything thrown into the envelope, and anything unexpected into
 * an opaque 500 that carries only a request id (the details go to the log).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDatabaseUnavailable } from '../db/errors';
import { RETRY_AFTER_SECONDS, Unavailable, warnOutage } from '../runtime/unavailable';
import { formatWait } from '../schemas/wait';
import type { AppEnv } from './env';

export type Fields = Record<string, string>;
/**
 * More that an error tells beside its code and message, as fields of the envelope's `error` object
 * (`appointmentIds` of a 409 `state`: which appointments stand in the way). Ids and plain values only:
 * like `fields`, never an echo of what was submitted. It cannot replace `code`, `message` or `fields`.
 */
export type ErrorDetails = Record<string, string | number | boolean | string[]>;

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Fields,
    readonly headers?: Record<string, string>,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

export const invalidInput = (fields?: Fields, message = 'Some fields are not valid.') =>
  new HttpError(400, 'invalid_input', message, fields);
export const unauthenticated = () => new HttpError(401, 'unauthenticated', 'Please sign in.');
export const forbidden = (message = 'You may not do this.') => new HttpError(403, 'forbidden', message);
export const accountDisabled = () =>
  new HttpError(403, 'account_disabled', 'This account is disabled. Please contact the hospital.');
export const notFound = (what = 'That') => new HttpError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, details?: ErrorDetails) =>
  new HttpError(409, code, message, undefined, undefined, details);
export const payloadTooLarge = () =>
  new HttpError(413, 'payload_too_large', 'The request body is larger than 100 KB.');
export const unsupportedMediaType = () =>
  new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
/** The message speaks in minutes or hours ("about 15 minutes"); `Retry-After` keeps the exact seconds. */
export const rateLimited = (retryAfterSeconds: number) =>
  new HttpError(429, 'rate_limited', `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });

export function errorBody(code: string, message: string, fields?: Fields, details?: ErrorDetails) {
  const error: Record<string, unknown> = fields ? { code, message, fields } : { code, message };
  for (const [name, value] of Object.entries(details ?? {})) {
    if (name !== 'code' && name !== 'message' && name !== 'fields') error[name] = value;
  }
  return { error: error as { code: string; message: string; fields?: Fields } };
}

export function errorResponse(err: unknown, c: Context<AppEnv>): Response {
  if (err instanceof HttpError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(errorBody(err.code, err.message, err.fields, err.details), err.status);
  }
  if (isAbortedRequestBody(err, c)) {
    // Nothing went wrong here and nobody is left to answer. 499 ("client closed request", as nginx logs
    // it) is for the request log line only: the socket is gone.
    c.env?.deps?.log.info('client closed the connection', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path });
    return new Response(null, { status: 499 });
  }
  if (err instanceof Unavailable || isDatabaseUnavailable(err)) {
    // An outage, not a bug: one warning per outage, and the client is told when to try again.
    const part = err instanceof Unavailable ? err.part : 'database';
    if (c.env?.deps) warnOutage(c.env.deps.log, part, err);
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(errorBody('unavailable', 'Wardline is briefly unavailable. Please try again in a few seconds.'), 503);
  }
  if (err instanceof HTTPException && err.status === 413) return errorResponse(payloadTooLarge(), c);
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own 4xx (a malformed body, say): keep the status, never its text, which may echo input.
    return c.json(errorBody(err.status === 400 ? 'invalid_input' : 'bad_request', 'The request is not valid.'), err.status as ContentfulStatusCode);
  }
  const requestId = c.get('requestId') ?? crypto.randomUUID();
  c.env?.deps?.log.error('unhandled error', {
    requestId,
    method: c.req.method,
    path: c.req.path,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  c.header('X-Request-Id', requestId);
  return c.json(errorBody('internal', `Something went wrong on our side. Quote request id ${requestId} if you report it.`), 500);
}

/**
 * The client went away before its whole body arrived: reading the body failed with Node's own error for
 * an aborted request (`Error: aborted`, code ECONNRESET, from IncomingMessage; @hono/node-server passes
 * it on), and the request's signal says the client disconnected. Both must hold: an error that merely
 * looks the same on a request whose client is still there stays an unhandled error.
 */
function isAbortedRequestBody(err: unknown, c: Context<AppEnv>): boolean {
  return (
    err instanceof Error &&
    err.message === 'aborted' &&
    (err as { code?: unknown }).code === 'ECONNRESET' &&
    c.req.raw.signal?.aborted === true
  );
}
