/**
 * `newFunction()`: the Hono app one function file exports. It carries our error handler, so a file
 * answers with the API.md envelope whether it is mounted by the runner, the Worker or a test alone.
 * Declare middleware on the route itself, never with a path-less `.use()` (ARCHITECTURE rule 2).
 */
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { errorResponse } from './errors';

export function newFunction() {
  return new Hono<AppEnv>().onError(errorResponse);
}

export type FunctionApp = ReturnType<typeof newFunction>;
