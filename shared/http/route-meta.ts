/**
 * What a route's middleware says about it, recorded when the middleware is made, so the OpenAPI
 * document is derived from the routes themselves (ADR 007, ADR 010). `body()` and `query()` record
 * their schemas, the guards the roles they allow; `describe()` adds what only the route knows: a
 * summary, its success answers and the errors its handler throws. It goes first on the route chain:
 *
 *   newFunction().post('/auth/register',
 *     describe({ summary: 'Register as a patient', responses: { 201: UserResponse }, errors: { 409: 'email_taken' } }),
 *     body(RegisterInput),
 *     async (c) => ...)
 */
import type { MiddlewareHandler } from 'hono';
import type { GenericSchema, GenericSchemaAsync } from 'valibot';
import type { Role } from '../db/schema';
import type { AppEnv } from './env';

export type Schema = GenericSchema | GenericSchemaAsync;

/** Statuses an error envelope can carry (API.md "Conventions"). 500 `internal` is always possible. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

/** One answer of a route: a JSON body's schema, `null` for no body (204), or the long form. */
export type ResponseSpec =
  | Schema
  | null
  | {
      /** The JSON body's schema; omit for a body that is not JSON (give `contentType`), or none. */
      schema?: Schema;
      /** For a body that is not JSON (`text/html`, `text/css`...). */
      contentType?: string;
      description?: string;
      /** Response headers worth knowing, name → what it holds (`Set-Cookie`: 'the session cookie'). */
      headers?: Record<string, string>;
    };

export interface Description {
  /** A few words, as a person would name the operation ("Sign in"). */
  summary: string;
  /** Longer prose, Markdown. */
  description?: string;
  /** Defaults to the path's first segment (`/auth/login` → `auth`). */
  tag?: string;
  /** Defaults to the method and path (`GET /doctors/:id/slots` → `getDoctorsByIdSlots`). */
  operationId?: string;
  /** Optional request headers the route reads, name → what it holds (`Idempotency-Key`: '...'). */
  requestHeaders?: Record<string, string>;
  /** Every answer that is not an error envelope, by status: at least one 2xx. */
  responses: Partial<Record<number, ResponseSpec>>;
  /**
   * The error envelopes the handler itself may answer, status → code(s). Guards, `body()` and
   * `query()` add theirs (401, 403, 400...) without being named here.
   */
  errors?: Partial<Record<ErrorStatus, string | string[]>>;
  /**
   * Parts of the system the route cannot answer without; they can be down, so this adds 503
   * `unavailable` with Retry-After. A guard implies both (sessions live in Redis, users in the database).
   */
  needs?: Array<'database' | 'redis'>;
}

export type RouteMeta =
  | { kind: 'body'; schema: Schema }
  | { kind: 'query'; schema: Schema }
  | { kind: 'session'; roles: Role[] }
  | { kind: 'describe'; description: Description };

const registry = new WeakMap<object, RouteMeta>();

export function describeHandler<H extends object>(handler: H, meta: RouteMeta): H {
  registry.set(handler, meta);
  return handler;
}

export function handlerMeta(handler: object): RouteMeta | undefined {
  return registry.get(handler);
}

/** Says what a route is for and what it answers; does nothing at request time. First on the route chain. */
export function describe(description: Description): MiddlewareHandler<AppEnv> {
  return describeHandler<MiddlewareHandler<AppEnv>>((_c, next) => next(), { kind: 'describe', description });
}
