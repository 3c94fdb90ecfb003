/**
 * A multi-line field for the admin's forms (a doctor's bio, a department's description), built the way
 * components/field.tsx builds its fields: the label, an optional hint, and the error tied to the control.
 */
import { Show } from 'solid-js';

export function TextAreaField(props: {
  id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  error?: string | undefined;
  value: string;
  rows?: number;
  maxLength?: number;
  onValue: (value: string) => void;
}) {
  const describedBy = () => [props.error ? `${props.id}-error` : null, props.hint ? `${props.id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(props.error) }}>
      <label class="field__label" for={props.id}>
        {props.label}
        <Show when={props.optional}>
          <span class="field__optional"> (optional)</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <textarea
        id={props.id}
        name={props.id}
        class="field__input field__textarea"
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy()}
      />
      <Show when={props.error}>
        <p class="field__error" id={`${props.id}-error`}>
          <span class="field__error-mark" aria-hidden="true">!</span>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
