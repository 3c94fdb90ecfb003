/** The Hono environment every function shares: Deps in the bindings, the user in the variables. */
import type { Deps } from '../runtime/deps';
import type { SessionUser } from '../auth/sessions';

export interface AppBindings {
  deps: Deps;
  /** The caller's network address as the entry point saw it (socket peer, or Cloudflare's header). */
  clientAddress?: string;
  /**
   * Where the entry point can put headers *beneath* the answer: whatever the route sets wins. Under Node
   * this is the socket's ServerResponse (writeHead overrides what setHeader put there), which is far
   * cheaper than editing the Response after the handler. Without it (tests, the Worker) the headers are
   * added to the Response itself.
   */
  baseHeaders?: { setHeader(name: string, value: string): unknown };
}

export interface AppEnv {
  Bindings: AppBindings;
  Variables: {
    requestId: string;
    user: SessionUser;
    /** The session token of the signed-in user (logout and re-login end it). */
    sessionToken: string;
  };
}
