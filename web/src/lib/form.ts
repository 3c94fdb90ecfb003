/**
 * Form helpers shared by the pages: client-side checks with the same valibot schemas the API uses
 * (with `fieldMessage`, so nothing typed is ever echoed), turning short field messages ("must be at
 * least 8 characters") into sentences, and wording for the errors that belong to no field.
 */
import * as v from 'valibot';
import { fieldMessage } from '../../../shared/schemas/messages';
import { formatWait } from '../../../shared/schemas/wait';
import { ApiError, type FieldMessages } from './api';

export type ValidationResult<T> = { ok: true; output: T } | { ok: false; fields: FieldMessages };

export function validate<S extends v.GenericSchema>(schema: S, input: unknown): ValidationResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { message: fieldMessage });
  if (result.success) return { ok: true, output: result.output };
  const fields: FieldMessages = {};
  for (const issue of result.issues) {
    const name = v.getDotPath(issue) ?? 'form';
    fields[name] ??= issue.message;
  }
  return { ok: false, fields };
}

/** "Password" + "must be at least 8 characters" → "Password must be at least 8 characters." */
export function sentence(label: string, message: string): string {
  const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Wording for a wait in seconds: "30 seconds", "about 15 minutes" (the API's own words, one source). */
export { formatWait };

/** The summary line for an error that is not about one field. */
export function summaryMessage(err: unknown, action: string): string {
  if (!(err instanceof ApiError)) return `Something went wrong while trying to ${action}. Please try again.`;
  if (err.status === 429) {
    return err.retryAfterSeconds !== null
      ? `Too many attempts. Please wait ${formatWait(err.retryAfterSeconds)} and try again.`
      : err.message;
  }
  return err.message;
}

/**
 * Splits a failed request into what the form shows: messages for the fields it has (by name), and a
 * summary line when something is left over (another field, or no field at all: 401, 429, a network error).
 */
export function serverProblems(err: unknown, fieldNames: readonly string[], action: string): { fields: FieldMessages; summary: string | null } {
  const all = err instanceof ApiError ? err.fields : {};
  const fields = Object.fromEntries(Object.entries(all).filter(([name]) => fieldNames.includes(name)));
  const leftOver = Object.keys(all).length === 0 || Object.keys(fields).length < Object.keys(all).length;
  return { fields, summary: leftOver ? summaryMessage(err, action) : null };
}

/** Today's date in the browser's zone as YYYY-MM-DD (the server checks against the hospital's). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Only same-site paths may be a destination after sign-in (no `//evil.example`). */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
