/**
 * What a route's middleware says about it (its body schema, query schema, allowed roles), recorded
 * when the middleware is made, so the OpenAPI document is derived from the routes themselves.
 */
import type { GenericSchema, GenericSchemaAsync } from 'valibot';
import type { Role } from '../db/schema';

export type RouteMeta =
  | { kind: 'body'; schema: GenericSchema | GenericSchemaAsync }
  | { kind: 'query'; schema: GenericSchema | GenericSchemaAsync }
  | { kind: 'session'; roles: Role[] };

const registry = new WeakMap<object, RouteMeta>();

export function describeHandler<H extends object>(handler: H, meta: RouteMeta): H {
  registry.set(handler, meta);
  return handler;
}

export function handlerMeta(handler: object): RouteMeta | undefined {
  return registry.get(handler);
}
