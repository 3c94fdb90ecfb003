/**
 * A labelled textarea with its hint and error, as components/field.tsx does for inputs (the error is tied
 * with aria-describedby and the control says aria-invalid). Kept here until the shared file has one.
 */
import { Show, splitProps, type JSX } from 'solid-js';

type AreaAttributes = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onInput'>;

export interface TextAreaFieldProps extends AreaAttributes {
  id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const [own, rest] = splitProps(props, ['id', 'label', 'optional', 'hint', 'error', 'value', 'onValue']);
  const describedBy = () => [own.error ? `${own.id}-error` : null, own.hint ? `${own.id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(own.error) }}>
      <label class="field__label" for={own.id}>
        {own.label}
        <Show when={own.optional}>
          <span class="field__optional"> (optional)</span>
        </Show>
      </label>
      <Show when={own.hint}>
        <p class="field__hint" id={`${own.id}-hint`}>
          {own.hint}
        </p>
      </Show>
      <textarea
        rows={3}
        {...rest}
        id={own.id}
        name={own.id}
        class="field__input doctor-textarea"
        value={own.value}
        onInput={(e) => own.onValue(e.currentTarget.value)}
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy()}
      />
      <Show when={own.error}>
        <p class="field__error" id={`${own.id}-error`}>
          <span class="field__error-mark" aria-hidden="true">!</span>
          <span class="visually-hidden">Error: </span>
          {own.error}
        </p>
      </Show>
    </div>
  );
}
