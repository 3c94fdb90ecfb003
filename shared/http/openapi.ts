/**
 * The OpenAPI 3.1 document served at GET /api/openapi.json, derived from the mounted routes: each
 * route's path and method, its body and query schemas (valibot → JSON Schema through
 * @valibot/to-json-schema) and the roles its guard allows. Nothing is written twice by hand.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type { FunctionApp } from './define-function';
import { handlerMeta, type RouteMeta } from './route-meta';

type JsonSchema = Record<string, unknown>;

const errorEnvelope: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function schemaOf(meta: Extract<RouteMeta, { schema: unknown }>): JsonSchema {
  // Transformations (trim, lower-case) have no JSON Schema form; 'ignore' keeps the rest of the schema.
  const { $schema: _drop, ...schema } = toJsonSchema(meta.schema as never, { errorMode: 'ignore' }) as JsonSchema;
  return schema;
}

export function buildOpenApi(functions: FunctionApp[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
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
      const openApiPath = `/api${path.replace(/:(\w+)/g, '{$1}')}`;
      const operation: Record<string, unknown> = { responses: { default: errorResponse('An error (API.md "Conventions")') } };
      const params = [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      for (const meta of metas) {
        if (meta.kind === 'body') {
          operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(meta) } } };
          (operation.responses as Record<string, unknown>)['400'] = errorResponse('invalid_input: `fields` names each bad field');
        } else if (meta.kind === 'query') {
          const schema = schemaOf(meta);
          const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
          const required = new Set((schema.required ?? []) as string[]);
          for (const [name, prop] of Object.entries(properties)) params.push({ name, in: 'query', required: required.has(name), schema: prop as never });
        } else {
          operation.security = [{ session: [] }];
          operation['x-roles'] = meta.roles.length ? meta.roles : ['admin', 'doctor', 'patient'];
          (operation.responses as Record<string, unknown>)['401'] = errorResponse('unauthenticated');
          if (meta.roles.length) (operation.responses as Record<string, unknown>)['403'] = errorResponse('forbidden: another role');
        }
      }
      if (params.length) operation.parameters = params;
      (paths[openApiPath] ??= {})[method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Error: errorEnvelope },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wardline_session' } },
    },
  };
}
