/**
 * Password rules (NIST SP 800-63B, OWASP ASVS): 8 to 128 characters, no composition rules, and not
 * one of the most common passwords. The list is zxcvbn-ts's common-password dictionary (about 30 000
 * entries from public breach corpora), so we do not keep a list of our own.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
