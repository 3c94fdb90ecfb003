/** Wording of the password reset email: the single-use link, how long it works, what to do if it was not you. */
import type { Config } from '../../config';
import { formatInZone, renderEmail } from '../template';

type MailConfig = Pick<Config, 'hospitalName' | 'webOrigins' | 'hospitalTimeZone'>;

/** `path` is `/reset-password?token=…`: the token travels only in this mail. */
export function passwordResetEmail(config: MailConfig, r: { name: string; path: string; expiresAt: Date; byAdmin?: boolean }) {
  return renderEmail(config, {
    subject: 'Reset your password',
    heading: 'Reset your password',
    paragraphs: [
      `Dear ${r.name},`,
      r.byAdmin
        ? 'an administrator of the hospital sent you this link to choose a new password for your Wardline account (they cannot see or choose it). The button below lets you choose a new one.'
        : 'someone (we hope you) asked to reset the password of your Wardline account. The button below lets you choose a new one.',
      `The link works once, until ${formatInZone(r.expiresAt, config.hospitalTimeZone)}.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', path: r.path },
  });
}
