/**
 * Wording of an account's security notices: the password changed or reset, the second factor turned on or
 * off, a sign-in from a browser that never signed in to the account before. Each says what to do if it was
 * not the reader, and links to the sessions page.
 */
import type { Config } from '../../config';
import { formatInZone, renderEmail } from '../template';

type MailConfig = Pick<Config, 'hospitalName' | 'webOrigins' | 'hospitalTimeZone'>;

export const ACCOUNT_EVENTS = ['password_changed', 'password_reset', 'mfa_enabled', 'mfa_disabled', 'mfa_removed_by_admin', 'new_device'] as const;
export type AccountEvent = (typeof ACCOUNT_EVENTS)[number];

export interface NoticeDetails {
  name: string;
  event: AccountEvent;
  /** When it happened. */
  at: Date;
  /** For a new device: "Firefox on Windows" and the address. */
  device?: string;
  ip?: string | null;
}

const WORDS: Record<AccountEvent, { subject: string; what: string }> = {
  password_changed: { subject: 'Your password was changed', what: 'the password of your Wardline account was changed. Every other session of your account has been signed out.' },
  password_reset: { subject: 'Your password was reset', what: 'the password of your Wardline account was reset through a link sent to this address. Every session of your account has been signed out.' },
  mfa_enabled: { subject: 'Two-step sign-in is on', what: 'two-step sign-in (an authenticator app code) was turned on for your Wardline account.' },
  mfa_disabled: { subject: 'Two-step sign-in is off', what: 'two-step sign-in was turned off for your Wardline account: a password alone now signs in.' },
  mfa_removed_by_admin: {
    subject: 'Two-step sign-in was removed by the hospital',
    what: 'an administrator removed two-step sign-in from your Wardline account, as you asked when you had lost your authenticator and recovery codes. Every session of your account has been signed out; a password alone now signs in, so set two-step sign-in up again on your account page.',
  },
  new_device: { subject: 'A sign-in from a new device', what: 'your Wardline account was signed in to from a browser that had not signed in to it before.' },
};

export function accountNoticeEmail(config: MailConfig, n: NoticeDetails) {
  const words = WORDS[n.event];
  const when = formatInZone(n.at, config.hospitalTimeZone);
  const where = n.event === 'new_device' ? [`Device: ${n.device ?? 'Unknown device'}. Address: ${n.ip ?? 'unknown'}. Time: ${when}.`] : [`This happened on ${when}.`];
  return renderEmail(config, {
    subject: words.subject,
    heading: words.subject,
    paragraphs: [
      `Dear ${n.name},`,
      words.what,
      ...where,
      'If this was you, there is nothing to do. If it was not, reset your password at once and end the sessions you do not know on your sessions page.',
    ],
    action: { label: 'See your sessions', path: '/account/sessions' },
  });
}
