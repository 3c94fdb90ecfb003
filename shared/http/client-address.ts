/** The caller's address for throttling and the audit log. Forwarded headers count only behind a trusted proxy. */
import type { Context } from 'hono';
import type { AppEnv } from './env';

export function clientAddress(c: Context<AppEnv>): string {
  if (c.env.deps.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env.clientAddress ?? 'unknown';
}
