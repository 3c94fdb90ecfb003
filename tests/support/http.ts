/**
 * A small client for tests that calls the real API (buildApi + chosen function files) in process,
 * with a cookie jar, so a test reads like a user's session: register, then me, then logout.
 */
import { buildApi } from '../../shared/http/api';
import type { FunctionApp } from '../../shared/http/define-function';
import type { Deps } from '../../shared/runtime/deps';

export interface CallOptions {
  json?: unknown;
  /** A raw body (sent as is, with `contentType` if given). */
  body?: string;
  contentType?: string;
  origin?: string;
  headers?: Record<string, string>;
  /** Send this cookie header instead of the jar's. */
  cookie?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The Set-Cookie of the session cookie, or null when the answer set none. */
  setCookie: string | null;
  /** Every Set-Cookie of the answer (the session's, the device cookie's …). */
  setCookies: string[];
}

export function testClient(deps: Deps, functions: FunctionApp[], options: { clientAddress?: string } = {}) {
  const api = buildApi(functions);
  const sessionCookie = deps.config.session.cookieName;
  /** Every cookie the API set and has not cleared, as a browser keeps them: name → value. */
  const jar = new Map<string, string>();
  const jarHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ') || null;
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<CallResult> => {
    const headers = new Headers(opts.headers);
    const cookie = opts.cookie ?? jarHeader();
    if (cookie) headers.set('cookie', cookie);
    if (opts.origin) headers.set('origin', opts.origin);
    let body: string | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers.set('content-type', 'application/json');
    }
    if (opts.contentType) headers.set('content-type', opts.contentType);
    const res = await api.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }, { deps, clientAddress: options.clientAddress ?? '198.51.100.7' });
    const text = await res.text();
    const setCookies = res.headers.getSetCookie();
    for (const set of setCookies) {
      const pair = set.split(';')[0]!;
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === '' || /Max-Age=0/i.test(set)) jar.delete(name);
      else jar.set(name, value);
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const setCookie = setCookies.find((c) => c.startsWith(`${sessionCookie}=`)) ?? null;
    return { status: res.status, headers: res.headers, text, body: parsed, setCookie, setCookies };
  };
  return {
    api,
    call,
    get: (path: string, opts?: CallOptions) => call('GET', path, opts),
    post: (path: string, opts?: CallOptions) => call('POST', path, opts),
    /** The session cookie as `name=value`, as a browser would send it; null when signed out. */
    get cookie() {
      const token = jar.get(sessionCookie);
      return token === undefined ? null : `${sessionCookie}=${token}`;
    },
    set cookie(value: string | null) {
      if (value === null) jar.delete(sessionCookie);
      else jar.set(sessionCookie, value.slice(value.indexOf('=') + 1));
    },
    /** Every cookie in the jar as one Cookie header (the session's and the device cookie), or null. */
    get cookies() {
      return jarHeader();
    },
  };
}
