/**
 * Who is calling, for throttling and the audit trail: the client's address (a valid IP address or null,
 * through the trusted proxies of TRUST_PROXY: shared/net/trust-proxy.ts) and its user agent.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { resolveClientAddress } from '../net/trust-proxy';

export function clientAddress(c: Context<AppEnv>): string | null {
  return resolveClientAddress(c.env.deps.config.trustProxy, c.env.clientAddress, c.req.header('x-forwarded-for'));
}

/** Longer user agents are cut: the audit trail keeps enough to tell browsers apart, not a client's essay. */
const MAX_USER_AGENT = 256;

export function userAgent(c: Context<AppEnv>): string | null {
  // Control characters would let a client forge line breaks in anything that prints the trail.
  const ua = c.req.header('user-agent')?.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return ua ? ua.slice(0, MAX_USER_AGENT) : null;
}

/** The `ip` and `userAgent` of an audit row for this request. */
export function requestSource(c: Context<AppEnv>): { ip: string | null; userAgent: string | null } {
  return { ip: clientAddress(c), userAgent: userAgent(c) };
}
