/**
 * A labelled textarea in the same pattern as components/field.tsx (label, optional hint, the error tied
 * with aria-describedby and aria-invalid), for the patient's free-text fields: a visit's reason, a
 * cancellation's reason, an address.
 */
import { Show } from 'solid-js';

export function TextAreaField(props: {
  id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  maxLength?: number;
  rows?: number;
  autocomplete?: string;
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
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        autocomplete={props.autocomplete}
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
