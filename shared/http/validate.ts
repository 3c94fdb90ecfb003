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

export const UNKNOWN_FIELD = 'is not a field that can be sent here';

/** The parts of a schema that say which keys an object may hold (valibot keeps them on the schema itself). */
interface SchemaShape {
  type?: string;
  entries?: Record<string, SchemaShape>;
  wrapped?: SchemaShape;
  item?: SchemaShape;
}

/**
 * Keys the schema does not know, by dot path (`role`, `days.0.colour`), in bodies of any depth: a body may
 * not carry what its endpoint does not take (issue 8: no mass assignment; a patient cannot send `role` or
 * `status`, a doctor cannot send a treatment's `patientId`). Optional, nullable and array schemas are
 * looked through; any other kind (a union, a record) is left to the schema itself.
 */
export function unknownFields(schema: SchemaShape, input: unknown, path = ''): string[] {
  let shape = schema;
  while (shape.wrapped) shape = shape.wrapped;
  if (shape.type === 'array' && shape.item && Array.isArray(input)) {
    return input.flatMap((item, i) => unknownFields(shape.item!, item, `${path}${i}.`));
  }
  if (!shape.entries || input === null || typeof input !== 'object' || Array.isArray(input)) return [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const entry = shape.entries[key];
    if (!entry) unknown.push(`${path}${key}`);
    else unknown.push(...unknownFields(entry, value, `${path}${key}.`));
  }
  return unknown;
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
    const input = await readJson(c.req.raw);
    const unknown = unknownFields(schema as SchemaShape, input);
    if (unknown.length > 0) throw invalidInput(Object.fromEntries(unknown.map((field) => [field, UNKNOWN_FIELD])));
    c.req.addValidatedData('json', (await parseWith(schema, input)) as object);
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
