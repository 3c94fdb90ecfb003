/**
 * Who is signed in, for the whole app. Asked of the API once at start (`GET /api/auth/me`), set by the
 * sign-in and registration pages, cleared by signing out or when the API says the session has ended.
 * The route guards read it; nothing else keeps a copy.
 */
import { createSignal } from 'solid-js';
import { ApiError, auth, whenMfaSetupRequired, whenSessionEnds, type User } from './api';

export type SessionStatus = 'loading' | 'ready' | 'unreachable';

const [user, setUser] = createSignal<User | null>(null);
const [status, setStatus] = createSignal<SessionStatus>('loading');
const [problem, setProblem] = createSignal<string | null>(null);
/** A one-off message for the sign-in page ("You have signed out."). */
const [notice, setNotice] = createSignal<string | null>(null);
/**
 * Whether the person signed out on purpose. Then the sign-in page does not offer to come back to the page
 * they left: the next person at a shared computer must not land on the previous one's page.
 */
const [signedOutOnPurpose, setSignedOutOnPurpose] = createSignal(false);
/** The API refused a staff user until they set up two-step sign-in (REQUIRE_STAFF_MFA). */
const [mfaSetupRequired, setMfaSetupRequired] = createSignal(false);

export const session = {
  user,
  status,
  /** Why the session could not be checked (status `unreachable`). */
  problem,
  notice,
  mfaSetupRequired,
  signedOutOnPurpose,

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
    setSignedOutOnPurpose(false);
    setMfaSetupRequired(false);
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
    setSignedOutOnPurpose(true);
    setMfaSetupRequired(false);
    setUser(null);
  },

  /** The password was reset from an email link: every session has ended, this browser's too. */
  passwordReset(): void {
    setNotice('Your password has been changed. Sign in with your new password.');
    setUser(null);
  },

  /** Two-step sign-in is on now: the API lets this user through again. */
  mfaSetUp(): void {
    setMfaSetupRequired(false);
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
whenMfaSetupRequired(() => {
  if (user() !== null) setMfaSetupRequired(true);
});
