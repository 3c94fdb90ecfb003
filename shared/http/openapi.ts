/**
 * The OpenAPI 3.1 document served at GET /api/openapi.json, derived from the mounted routes (ADR 007,
 * ADR 010): each route's path and method, what its middleware recorded (body and query schemas as JSON
 * Schema through @valibot/to-json-schema, the roles a guard allows) and its `describe()` (summary,
 * success answers with their schemas, the error codes its handler throws). Nothing is written twice:
 * a guard adds 401/403 and 503, `body()` adds 400/413/415, a state-changing method adds the 403 of the
 * origin rule, all without the route naming them again.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { newFunction, type FunctionApp } from './define-function';
import { describe, handlerMeta, type Description, type ErrorStatus, type ResponseSpec, type RouteMeta, type Schema } from './route-meta';

type JsonSchema = Record<string, unknown>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What an error status means whatever the route (API.md "Conventions"). */
const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: 'The request is not valid.',
  401: 'Not signed in.',
  403: 'Not allowed.',
  404: 'Not found (also for what exists but is not yours).',
  409: 'In conflict with the current state; the code says which conflict.',
  410: 'Gone: it existed but has expired.',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  429: 'Too many attempts: wait as long as `Retry-After` says.',
  503: 'A part this request needs is down: try again after `Retry-After` seconds.',
};

/** What each error code means, for the code lists of each operation. A code not here is listed bare. */
const CODE_TEXT: Record<string, string> = {
  invalid_input: 'the body or a field is not valid; `fields` names each bad field and never repeats what was sent',
  unauthenticated: 'no live session: never signed in, signed out, idle too long, or past the absolute limit',
  forbidden: 'not allowed',
  account_disabled: 'the account is disabled; the hospital can enable it again',
  not_found: 'there is no such thing, or it is not yours',
  state: 'the change conflicts with what exists now (the message says what)',
  email_taken: 'an account with this email already exists',
  payload_too_large: 'the body is larger than 100 KB',
  unsupported_media_type: 'the body is not `application/json`',
  rate_limited: 'too many attempts for now',
  unavailable: 'the database or Redis does not answer',
};

const SUCCESS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

const errorEnvelope: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable and machine-readable: branch on this, not on the message.' },
        message: { type: 'string', description: 'For people; may change.' },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Only with `invalid_input`: each bad field (dot path) and why, never its value.',
        },
        appointmentIds: {
          type: 'array',
          items: { type: 'string' },
          description: 'Only with 409 `state` of an availability change: the booked appointments that change would strand.',
        },
      },
    },
  },
};

const retryAfter = { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } };

function schemaOf(schema: Schema): JsonSchema {
  // Transformations (trim, lower-case) have no JSON Schema form; 'ignore' keeps the rest of the schema.
  const { $schema: _drop, ...json } = toJsonSchema(schema as never, { errorMode: 'ignore' }) as JsonSchema;
  return json;
}

function isSchema(spec: ResponseSpec): spec is Schema {
  return spec !== null && (spec as { kind?: unknown }).kind === 'schema';
}

function successResponse(status: number, spec: ResponseSpec | undefined): JsonSchema {
  const fallback = SUCCESS_TEXT[status] ?? `HTTP ${status}`;
  if (spec === null || spec === undefined) return { description: fallback };
  if (isSchema(spec)) return { description: fallback, content: { 'application/json': { schema: schemaOf(spec) } } };
  const response: JsonSchema = { description: spec.description ?? fallback };
  if (spec.schema) response.content = { [spec.contentType ?? 'application/json']: { schema: schemaOf(spec.schema) } };
  else if (spec.contentType) response.content = { [spec.contentType]: { schema: { type: 'string' } } };
  if (spec.headers) {
    response.headers = Object.fromEntries(Object.entries(spec.headers).map(([name, text]) => [name, { description: text, schema: { type: 'string' } }]));
  }
  return response;
}

/** The error answers of one operation, collected from every source, then written out per status. */
class ErrorList {
  private readonly byStatus = new Map<ErrorStatus, Map<string, string[]>>();

  add(status: ErrorStatus, code: string, text: string | undefined = CODE_TEXT[code]) {
    const codes = this.byStatus.get(status) ?? new Map<string, string[]>();
    const texts = codes.get(code) ?? [];
    if (text && !texts.includes(text)) texts.push(text);
    codes.set(code, texts);
    this.byStatus.set(status, codes);
  }

  write(responses: Record<string, unknown>) {
    for (const [status, codes] of [...this.byStatus].sort(([a], [b]) => a - b)) {
      const lines = [...codes].map(([code, texts]) => `- \`${code}\`${texts.length ? `: ${texts.join('; ')}` : ''}`);
      responses[String(status)] = {
        description: `${STATUS_TEXT[status]}\n\n${lines.join('\n')}`,
        ...(status === 429 || status === 503 ? { headers: { 'Retry-After': retryAfter } } : {}),
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Error' },
                { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: [...codes.keys()] } } } } },
              ],
            },
          },
        },
      };
    }
  }
}

/** `/auth/login` → `auth`; `/openapi.json` → `openapi`. */
export function defaultTag(path: string): string {
  return (path.split('/').find(Boolean) ?? 'api').replace(/\..*$/, '');
}

/** `GET /doctors/:id/slots` → `getDoctorsByIdSlots`. */
export function defaultOperationId(method: string, path: string): string {
  const pascal = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const words = path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => (segment.startsWith(':') ? [`By${pascal(segment.slice(1))}`] : segment.split(/[^A-Za-z0-9]+/).filter(Boolean).map(pascal)));
  return method.toLowerCase() + words.join('');
}

function operationFor(method: string, path: string, metas: RouteMeta[]) {
  const operation: Record<string, unknown> = {};
  const responses: Record<string, unknown> = {};
  const errors = new ErrorList();
  const params: JsonSchema[] = [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const needs = new Set<string>();
  let description: Description | undefined;

  for (const meta of metas) {
    if (meta.kind === 'describe') {
      description = meta.description;
    } else if (meta.kind === 'body') {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(meta.schema) } } };
      errors.add(400, 'invalid_input');
      errors.add(413, 'payload_too_large');
      errors.add(415, 'unsupported_media_type');
    } else if (meta.kind === 'query') {
      const schema = schemaOf(meta.schema);
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      for (const [name, prop] of Object.entries(properties)) params.push({ name, in: 'query', required: required.has(name), schema: prop });
      errors.add(400, 'invalid_input');
    } else {
      operation.security = [{ session: [] }];
      operation['x-roles'] = meta.roles.length ? meta.roles : ['admin', 'doctor', 'patient'];
      errors.add(401, 'unauthenticated');
      if (meta.roles.length) errors.add(403, 'forbidden', `only for ${meta.roles.join(', ')}`);
      // REQUIRE_STAFF_MFA (shared/http/guards.ts): staff without a second factor reach only /auth/*.
      const staff = meta.roles.length === 0 || meta.roles.some((r) => r === 'admin' || r === 'doctor');
      if (staff && !/^(\/api)?\/auth\//.test(path)) errors.add(403, 'mfa_setup_required', 'with REQUIRE_STAFF_MFA=true, an admin or doctor who has not set up two-step sign-in');
      needs.add('database').add('redis');
    }
  }
  if (!SAFE_METHODS.has(method)) {
    errors.add(403, 'forbidden', "the request came from another site's page (its `Origin` is neither the web app's nor the API's)");
  }

  if (description) {
    for (const [status, spec] of Object.entries(description.responses)) responses[status] = successResponse(Number(status), spec);
    for (const [status, entries] of Object.entries(description.errors ?? {})) {
      for (const entry of ([] as string[]).concat(entries ?? [])) {
        // 'code' alone, or 'code: when the route answers it'.
        const [code = entry, ...when] = entry.split(': ');
        errors.add(Number(status) as ErrorStatus, code, when.length ? when.join(': ') : undefined);
      }
    }
    for (const part of description.needs ?? []) needs.add(part);
    for (const [name, what] of Object.entries(description.requestHeaders ?? {})) {
      params.push({ name, in: 'header', required: false, description: what, schema: { type: 'string' } });
    }
  }
  if (needs.size > 0) errors.add(503, 'unavailable', `${[...needs].sort().join(' or ')} does not answer`);

  errors.write(responses);
  responses.default = {
    description: '500 `internal`: something unexpected; the message carries a request id to quote.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const { requestBody, security, 'x-roles': roles } = operation;
  return {
    ...(description ? { summary: description.summary, operationId: description.operationId ?? defaultOperationId(method, path), tags: [description.tag ?? defaultTag(path)] } : {}),
    ...(description?.description ? { description: description.description } : {}),
    ...(security ? { security, 'x-roles': roles } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

export function buildOpenApi(functions: FunctionApp[], info: { title: string; version: string; description?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags: string[] = [];
  for (const fn of functions) {
    const byRoute = new Map<string, RouteMeta[]>();
    for (const route of fn.routes) {
      if (route.method === 'ALL') continue;
      const key = `${route.method} ${route.path}`;
      const metas = byRoute.get(key) ?? [];
      const meta = handlerMeta(route.handler);
      if (meta) metas.push(meta);
      byRoute.set(key, metas);
    }
    for (const [key, metas] of byRoute) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = operationFor(method, path, metas);
      for (const tag of (operation.tags ?? []) as string[]) if (!tags.includes(tag)) tags.push(tag);
      (paths[`/api${path.replace(/:(\w+)/g, '{$1}')}`] ??= {})[method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info,
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: errorEnvelope },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'wardline_session',
          description: 'Set by sign-in and registration; HttpOnly. Behind HTTPS it is `__Host-wardline_session` and Secure.',
        },
      },
    },
  };
}

/** The shape of this document, for its own operation's success answer. */
const OpenApiDocument = v.looseObject({
  openapi: v.literal('3.1.0'),
  info: v.looseObject({ title: v.string(), version: v.string() }),
  paths: v.record(v.string(), v.record(v.string(), v.looseObject({}))),
  components: v.looseObject({}),
});

const INFO = {
  title: 'Wardline API',
  version: '0.1.0',
  description:
    'The HTTP contract of Wardline, derived from the routes themselves. JSON in and out, camelCase fields, ' +
    'times as ISO-8601 instants in UTC, errors as `{ "error": { "code", "message", "fields"? } }`. ' +
    'The prose version, with the conventions in full, is `docs/api.md` in the repository.',
};

/**
 * `GET /api/openapi.json` as a function app of its own, so it is described like every other route.
 * `apps` is read on the first request, by which time it holds every mounted app, this one included.
 */
export function openApiFunction(apps: () => FunctionApp[]): FunctionApp {
  let document: ReturnType<typeof buildOpenApi> | undefined;
  return newFunction().get(
    '/openapi.json',
    describe({
      summary: 'This document: the API as OpenAPI 3.1',
      tag: 'reference',
      operationId: 'getOpenApi',
      responses: { 200: OpenApiDocument },
    }),
    (c) => c.json((document ??= buildOpenApi(apps(), INFO))),
  );
}
