/**
 * The state every form has: field errors, a summary problem, a busy flag, re-checking a field as it
 * is corrected, and a submit that validates first, sends once, and puts the server's answer on the
 * right fields. A page supplies its labels, its `check()` and what to send.
 */
import { createSignal } from 'solid-js';
import { focusFirstInvalid } from '../components/field';
import type { FieldMessages } from './api';
import { sentence, serverProblems } from './form';

export interface Checked<T> {
  /** Field name → short message ("must be at least 8 characters"); empty when all is well. */
  fields: FieldMessages;
  /** The validated value to send, present only when `fields` is empty. */
  output?: T;
}

export function createFormState<F extends string, T>(labels: Record<F, string>, check: () => Checked<T>) {
  const [errors, setErrors] = createSignal<FieldMessages>({});
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;

  const showFieldErrors = (fields: FieldMessages) => {
    setErrors(fields);
    focusFirstInvalid(form);
  };

  return {
    problem,
    busy,
    showFieldErrors,
    /** Give this to the form's `ref`, so the first invalid field can take focus. */
    ref: (element: HTMLFormElement) => (form = element),

    /** The field's message as a sentence under its label, or undefined. */
    errorFor(field: F): string | undefined {
      const message = errors()[field];
      return message ? sentence(labels[field], message) : undefined;
    },

    /** Once a field shows an error, check it again as it is corrected. */
    recheck(field: F) {
      if (!errors()[field]) return;
      const message = check().fields[field];
      setErrors((prev) => {
        const next = { ...prev };
        if (message) next[field] = message;
        else delete next[field];
        return next;
      });
    },

    /**
     * Validates, then sends. A failure is shown on the fields it names and, for anything else, as the
     * summary; `handled` may claim an error first (answer true) to show it its own way.
     */
    async submit(event: SubmitEvent, action: string, send: (output: T) => Promise<void>, handled?: (err: unknown) => boolean) {
      event.preventDefault();
      if (busy()) return;
      setProblem(null);
      const checked = check();
      if (Object.keys(checked.fields).length > 0 || checked.output === undefined) {
        showFieldErrors(checked.fields);
        return;
      }
      setErrors({});
      setBusy(true);
      try {
        await send(checked.output);
      } catch (err) {
        if (handled?.(err)) return;
        const { fields, summary } = serverProblems(err, Object.keys(labels), action);
        if (Object.keys(fields).length > 0) showFieldErrors(fields);
        setProblem(summary);
      } finally {
        setBusy(false);
      }
    },
  };
}
