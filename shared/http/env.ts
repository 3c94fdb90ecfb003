/** The Hono environment every function shares: Deps in the bindings, the user in the variables. */
import type { Deps } from '../runtime/deps';
import type { SessionUser } from '../auth/sessions';

export interface AppBindings {
  deps: Deps;
  /** The caller's network address as the entry point saw it (socket peer, or Cloudflare's header). */
  clientAddress?: string;
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
