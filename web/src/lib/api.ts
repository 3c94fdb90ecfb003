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

/** Called when an endpoint outside `/auth` answers 401: the session has ended (idle, expired, revoked). */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

function envelope(data: unknown): { code: string; message: string; fields: FieldMessages } | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const error = (data as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, fields } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  const safeFields: FieldMessages = {};
  if (typeof fields === 'object' && fields !== null) {
    for (const [name, why] of Object.entries(fields)) if (typeof why === 'string') safeFields[name] = why;
  }
  return { code, message, fields: safeFields };
}

function retryAfter(res: Response): number | null {
  const header = res.headers.get('retry-after');
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
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

  if (res.ok) return data as T;

  const error = envelope(data);
  if (res.status === 401 && !path.startsWith('/auth/')) onSessionEnded?.();
  if (error) throw new ApiError(res.status, error.code, error.message, error.fields, retryAfter(res));
  throw new ApiError(
    res.status,
    res.status >= 500 ? 'internal' : 'unexpected',
    res.status >= 500
      ? 'Something went wrong on our side. Please try again in a moment.'
      : `The server answered in a way we did not expect (HTTP ${res.status}).`,
  );
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
