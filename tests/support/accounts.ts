/**
 * For the account endpoints' tests (issue 11): run what the outbox holds through the real processors with a
 * mailer that keeps what it was given, sign users in, and read a reset link out of its email.
 */
import { processors } from '../../jobs/processors';
import type { Deps, MailMessage } from '../../shared/runtime/deps';
import type { FunctionApp } from '../../shared/http/define-function';
import { testClient } from './http';
import login from '../../functions/auth/login';
import { totpCodeAt } from '../../shared/auth/totp';

/** Deps whose mailer keeps every message, and a function that runs the pending outbox rows as jobs. */
export function mailbox(deps: Deps) {
  const sent: MailMessage[] = [];
  const withMail: Deps = { ...deps, mail: { send: async (m) => void sent.push(m) } };
  return {
    deps: withMail,
    sent,
    to: (address: string) => sent.filter((m) => m.to === address),
    /** Runs each pending outbox row's processor once, with the row id as the job id (as the relay does), and marks it relayed. */
    async deliver(): Promise<void> {
      const rows = await deps.db.selectFrom('outbox').select(['id', 'job', 'payload']).where('relayed_at', 'is', null).orderBy('created_at').orderBy('id').execute();
      for (const row of rows) {
        await deps.db.updateTable('outbox').set({ relayed_at: deps.clock().toISOString() }).where('id', '=', row.id).execute();
        const processor = processors[row.job];
        if (!processor) continue;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await processor(withMail, JSON.parse(row.payload), { id: row.id, name: row.job } as any);
      }
    },
  };
}

/** The token of the reset link in an email's text. */
export function resetTokenIn(message: MailMessage): string {
  const match = /\/reset-password\?token=([a-z2-7]+)/.exec(message.text);
  if (!match) throw new Error('no reset link in the email');
  return match[1]!;
}

let address = 0;

/** A client signed in as this user (from an address of its own); answers the client. */
export async function signedIn(deps: Deps, functions: FunctionApp[], user: { email: string; password: string }, options: { userAgent?: string; clientAddress?: string } = {}) {
  address++;
  const c = testClient(deps, [login, ...functions], { clientAddress: options.clientAddress ?? `10.77.${address >> 8}.${address & 255}` });
  const res = await c.post('/api/auth/login', { json: { email: user.email, password: user.password }, headers: options.userAgent ? { 'user-agent': options.userAgent } : {} });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  return c;
}

/** Sets up and enables MFA through the API for a signed-in client; answers the secret and the recovery codes. */
export async function turnOnMfa(c: { post: ReturnType<typeof testClient>['post'] }, deps: Deps): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await c.post('/api/auth/mfa/setup');
  if (setup.status !== 200) throw new Error(`mfa setup failed: ${setup.status} ${setup.text}`);
  const secret = setup.body.secret as string;
  const enabled = await c.post('/api/auth/mfa/enable', { json: { code: totpCodeAt(secret, deps.clock()) } });
  if (enabled.status !== 200) throw new Error(`mfa enable failed: ${enabled.status} ${enabled.text}`);
  return { secret, recoveryCodes: enabled.body.recoveryCodes as string[] };
}
