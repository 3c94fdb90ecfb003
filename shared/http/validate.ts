/**
 * Route-level validation: `body(schema)` and `query(schema)`. A body must be JSON (415 otherwise),
 * at most 100 KB (413), parse (400), and pass the schema (400 naming each bad field, values never
 * echoed). The parsed output is what handlers read through `c.req.valid('json' | 'query')`.
 */
import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { fieldMessage } from '../schemas/messages';
import type { AppEnv } from './env';
import { describeHandler } from './route-meta';
import { invalidInput, payloadTooLarge, unsupportedMediaType, type Fields } from './errors';

export const MAX_BODY_BYTES = 100 * 1024;

type Schema = v.GenericSchema | v.GenericSchemaAsync;

export function fieldsFrom(issues: readonly v.BaseIssue<unknown>[]): Fields {
  const fields: Fields = {};
  for (const issue of issues) {
    const name = v.getDotPath(issue) ?? 'body';
    fields[name] ??= issue.message;
  }
  return fields;
}

async function parseWith<S extends Schema>(schema: S, input: unknown): Promise<v.InferOutput<S>> {
  const result = await v.safeParseAsync(schema, input, { message: fieldMessage });
  if (!result.success) throw invalidInput(fieldsFrom(result.issues));
  return result.output;
}

async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type');
  const text = await req.text();
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) throw payloadTooLarge();
  if (!type && text.trim() === '') return {};
  if (!type || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) throw unsupportedMediaType();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput(undefined, 'The body is not valid JSON.');
  }
}

export function body<S extends Schema>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }> {
  return describeHandler(async (c, next) => {
    c.req.addValidatedData('json', (await parseWith(schema, await readJson(c.req.raw))) as object);
    await next();
  }, { kind: 'body', schema });
}

export function query<S extends Schema>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { query: Record<string, string> }; out: { query: v.InferOutput<S> } }> {
  return describeHandler(async (c, next) => {
    c.req.addValidatedData('query', (await parseWith(schema, c.req.query())) as object);
    await next();
  }, { kind: 'query', schema });
}
