/**
 * Who is signed in, for the whole app. Asked of the API once at start (`GET /api/auth/me`), set by the
 * sign-in and registration pages, cleared by signing out or when the API says the session has ended.
 * The route guards read it; nothing else keeps a copy.
 */
import { createSignal } from 'solid-js';
import { ApiError, auth, whenSessionEnds, type User } from './api';

export type SessionStatus = 'loading' | 'ready' | 'unreachable';

const [user, setUser] = createSignal<User | null>(null);
const [status, setStatus] = createSignal<SessionStatus>('loading');
const [problem, setProblem] = createSignal<string | null>(null);
/** A one-off message for the sign-in page ("You have signed out."). */
const [notice, setNotice] = createSignal<string | null>(null);

export const session = {
  user,
  status,
  /** Why the session could not be checked (status `unreachable`). */
  problem,
  notice,

  async load(): Promise<void> {
    setStatus('loading');
    try {
      setUser(await auth.me());
      setStatus('ready');
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : 'Something went wrong while starting Wardline.');
      setStatus('unreachable');
    }
  },

  signedIn(next: User): void {
    setNotice(null);
    setUser(next);
    setStatus('ready');
  },

  /** Ends the session on the server, then here. Throws `ApiError` if the server could not be told. */
  async signOut(): Promise<void> {
    try {
      await auth.logout();
    } catch (err) {
      // 401: the session was already gone on the server; the browser just did not know yet.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    setNotice('You have signed out.');
    setUser(null);
  },

  clearNotice(): void {
    setNotice(null);
  },

  /** The server says the session is over (idle, expired, ended by an admin, account blocked). */
  expired(): void {
    if (user() === null) return;
    setNotice('Your session has ended. Please sign in again.');
    setUser(null);
  },
};

whenSessionEnds(() => session.expired());
