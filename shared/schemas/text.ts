/**
 * Free-text fields (API.md "Conventions"; issue 5 item 10). A name or a note is shown to other people
 * (a doctor's list, the admin's search, an email), so it may not carry what would make it lie about
 * itself there: control characters (a forged line break in a log or a CSV), bidirectional overrides and
 * isolates (text that reads differently from what it is: "Trojan Source"), or nothing visible at all.
 * Pure: used by the functions and by the web app's forms.
 */
import * as v from 'valibot';

/** C0 and C1 controls and DEL; multi-line fields may keep line breaks and tabs. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the Arabic letter mark: what reorders text. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u061c]/u;
/** A letter, digit, punctuation or symbol: something a reader sees. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

const checks = (multiline: boolean) =>
  [
    v.check<string, string>((s) => !(multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(s), 'must not contain control characters'),
    v.check<string, string>((s) => !BIDI.test(s), 'must not contain text-direction override characters'),
    v.check<string, string>((s) => VISIBLE.test(s), 'must contain a visible character'),
  ] as const;

/** One line of text, trimmed, 1 to `max` characters. */
export const Text = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max), ...checks(false));

/** Text that may span lines (notes, reasons), trimmed, 1 to `max` characters. */
export const MultilineText = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max), ...checks(true));
