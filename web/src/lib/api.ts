/**
 * The one way the web app talks to the API: `fetch` to the same origin (`/api`, proxied by Vite in
 * development and served by the runner otherwise), JSON in and out, the session cookie sent along.
 * Every failure becomes an `ApiError` carrying API.md's envelope `{ error: { code, message, fields } }`.
 */
import type { LoginInput, RegisterInput, UserDto } from '../../../shared/schemas/auth';

export type FieldMessages = Record<string, string>;

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldMessages = {},
    /** Seconds from `Retry-After` on a 429. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TIMEOUT_MS = 30_000;

let onSessionEnded: (() => void) | undefined;
let onActivity: (() => void) | undefined;
let onMfaSetupRequired: (() => void) | undefined;

/** Called after every answer from the server: any request restarts the session's idle timer there. */
export function whenServerAnswers(handler: () => void): void {
  onActivity = handler;
}

/** Called when an endpoint outside `/auth` answers 401: the session has ended (idle, expired, revoked). */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

/** Called when the API answers 403 `mfa_setup_required`: staff must set up two-step sign-in before anything else. */
export function whenMfaSetupRequired(handler: () => void): void {
  onMfaSetupRequired = handler;
}

/** Array members the API adds to an error beside code, message and fields (a 409's `appointmentIds`). */
const EXTRA_ARRAYS = ['appointmentIds'] as const;

function envelope(data: unknown): { code: string; message: string; fields: FieldMessages; extra: Record<string, string[]> } | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const error = (data as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, fields } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  const safeFields: FieldMessages = {};
  if (typeof fields === 'object' && fields !== null) {
    for (const [name, why] of Object.entries(fields)) if (typeof why === 'string') safeFields[name] = why;
  }
  const extra: Record<string, string[]> = {};
  for (const name of EXTRA_ARRAYS) {
    const value = (error as Record<string, unknown>)[name];
    if (Array.isArray(value)) extra[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return { code, message, fields: safeFields, extra };
}

function retryAfter(res: Response): number | null {
  const header = res.headers.get('retry-after');
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

export interface RequestOptions {
  /** Sent as `Idempotency-Key`: a retried create (a double click, a flaky network) is answered once. */
  idempotencyKey?: string;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw new ApiError(
      0,
      timedOut ? 'timeout' : 'network',
      timedOut
        ? 'Wardline is taking too long to answer. Please try again.'
        : 'We could not reach Wardline. Check your connection and try again.',
    );
  }

  const text = await res.text().catch(() => '');
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }

  onActivity?.();
  if (res.ok) return data as T;

  const error = envelope(data);
  if (res.status === 401 && !path.startsWith('/auth/')) onSessionEnded?.();
  if (res.status === 403 && error?.code === 'mfa_setup_required') onMfaSetupRequired?.();
  if (error) throw Object.assign(new ApiError(res.status, error.code, error.message, error.fields, retryAfter(res)), error.extra);
  throw new ApiError(
    res.status,
    res.status >= 500 ? 'internal' : 'unexpected',
    res.status >= 500
      ? 'Something went wrong on our side. Please try again in a moment.'
      : `The server answered in a way we did not expect (HTTP ${res.status}).`,
  );
}

/** API.md's list answer: `{ items, total }`, paged with `?page=&pageSize=`. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

/** A query string from the values that are set: `query({ q: 'ann', page: 2, status: '' })` → `?q=ann&page=2`. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Shorthands for the portals' API modules. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

/** A fresh key for one user action (the same key is reused if that action is retried). */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a clinic's LAN address over plain http is not one.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The `user` of API.md's auth answers. */
export type User = UserDto;

export const auth = {
  /** The signed-in user, or null when there is no live session. */
  async me(): Promise<User | null> {
    try {
      return (await request<{ user: User }>('GET', '/auth/me')).user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  async login(input: LoginInput): Promise<User> {
    return (await request<{ user: User }>('POST', '/auth/login', input)).user;
  },
  async register(input: RegisterInput): Promise<User> {
    return (await request<{ user: User }>('POST', '/auth/register', input)).user;
  },
  async logout(): Promise<void> {
    await request<void>('POST', '/auth/logout');
  },
};
