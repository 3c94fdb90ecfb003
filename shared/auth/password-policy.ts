/**
 * Password rules (NIST SP 800-63B, OWASP ASVS 5.0 V6.2): 8 to 128 characters (the schema checks the
 * length), no composition rules, not only spaces, not one of the most common passwords, and not built
 * on a word the attacker can guess from the context (ASVS 6.2.11): the person's name, the name part of
 * their email address, the hospital's name and the product's. The common list is zxcvbn-ts's
 * dictionary (about 30 000 entries from public breach corpora), so we keep no list of our own.
 * Used for every password a person sets: registration, the admin's from configuration, and later
 * password changes and resets.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
  hospitalName?: string | undefined;
}

export type PasswordProblem = 'blank' | 'common' | 'context';

/** What a form shows beside the password field for each problem. */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  blank: 'must not be only spaces',
  common: 'is one of the most common passwords; choose another',
  context: "must not contain your name, your email address's name or the hospital's name",
};

/**
 * Words shorter than this are not checked: "Ada" would refuse "Canada goose 1843", and a three-letter
 * word adds little to a guesser's dictionary anyway.
 */
const MIN_CONTEXT_WORD = 4;
/** The product's own name is as guessable as the hospital's. */
const PRODUCT_WORDS = ['wardline'];

const letters = (s: string) => s.toLowerCase().normalize('NFKC');
const wordsOf = (s: string) => letters(s).split(/[^\p{L}\p{N}]+/u);

/** The guessable words for one person at one hospital, lower-cased. */
export function contextWords(context: PasswordContext): string[] {
  const words = new Set<string>(PRODUCT_WORDS);
  const local = context.email?.split('@')[0];
  if (local) {
    // "ada.lovelace" is guessable as a whole and by its parts.
    words.add(letters(local));
    for (const part of wordsOf(local)) words.add(part);
  }
  for (const part of wordsOf(context.name ?? '')) words.add(part);
  for (const part of wordsOf(context.hospitalName ?? '')) words.add(part);
  return [...words].filter((w) => w.length >= MIN_CONTEXT_WORD);
}

/** The first rule a new password breaks, or null when it may be used. Length is the schema's job. */
export function passwordProblem(password: string, context: PasswordContext): PasswordProblem | null {
  if (password.trim() === '') return 'blank';
  if (isCommonPassword(password) || isCommonPassword(password.trim())) return 'common';
  const plain = letters(password);
  // "Love-lace 2024" hides the name behind punctuation; compare the letters and digits alone too.
  const squeezed = plain.replace(/[^\p{L}\p{N}]+/gu, '');
  if (contextWords(context).some((word) => plain.includes(word) || squeezed.includes(word))) return 'context';
  return null;
}
