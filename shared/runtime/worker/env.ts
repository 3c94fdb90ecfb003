/**
 * The bindings wrangler.toml (or Miniflare) hands the Worker. Plain-text `[vars]` and secrets arrive as
 * string bindings; they are the Worker's environment variables and go through `loadConfig` like
 * `process.env` does under Node.
 */
import type { Env as ConfigEnv } from '../../config';
import type { JobMessage } from './queue-producer';

export interface WorkerEnv {
  DB: D1Database;
  CACHE: KVNamespace;
  /** Optional: without it, jobs are logged and dropped (queue-producer.ts). */
  JOBS?: Queue<JobMessage>;
  /** HOSPITAL_TIMEZONE, WEB_ORIGIN, ADMIN_PASSWORD (a secret) and the rest of shared/config.ts. */
  [variable: string]: unknown;
}

/** The string bindings only: D1, KV and Queue bindings are objects and no business of `loadConfig`. */
export function configEnv(env: WorkerEnv): ConfigEnv {
  const vars: ConfigEnv = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value;
  return vars;
}
