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
  setCookie: string | null;
}

export function testClient(deps: Deps, functions: FunctionApp[], options: { clientAddress?: string } = {}) {
  const api = buildApi(functions);
  let jar: string | null = null;
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<CallResult> => {
    const headers = new Headers(opts.headers);
    const cookie = opts.cookie ?? jar;
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
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      jar = /=$/.test(pair) || /Max-Age=0/i.test(setCookie) ? null : pair;
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, headers: res.headers, text, body: parsed, setCookie };
  };
  return {
    api,
    call,
    get: (path: string, opts?: CallOptions) => call('GET', path, opts),
    post: (path: string, opts?: CallOptions) => call('POST', path, opts),
    get cookie() {
      return jar;
    },
    set cookie(value: string | null) {
      jar = value;
    },
  };
}
