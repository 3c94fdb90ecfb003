/**
 * Form fields with their label, an optional hint and the error that names them. The error is tied to
 * the control with `aria-describedby` and the control says `aria-invalid`, so a screen reader reads
 * "Password, invalid, Password must be at least 8 characters" when the field gets focus.
 */
import { createSignal, For, Show, splitProps, type JSX } from 'solid-js';

interface CommonProps {
  id: string;
  label: string;
  /** Shown after the label as "(optional)". */
  optional?: boolean;
  hint?: string;
  /** The sentence to show under the control; the field is marked invalid while there is one. */
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}

function describedBy(props: { id: string; hint?: string; error?: string | undefined }): string | undefined {
  const ids = [props.error ? `${props.id}-error` : null, props.hint ? `${props.id}-hint` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label(props: { for: string; label: string; optional?: boolean }) {
  return (
    <label class="field__label" for={props.for}>
      {props.label}
      <Show when={props.optional}>
        <span class="field__optional"> (optional)</span>
      </Show>
    </label>
  );
}

function Hint(props: { id: string; hint?: string }) {
  return (
    <Show when={props.hint}>
      <p class="field__hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    </Show>
  );
}

function ErrorText(props: { id: string; error?: string | undefined }) {
  return (
    <Show when={props.error}>
      <p class="field__error" id={`${props.id}-error`}>
        <span class="field__error-mark" aria-hidden="true">!</span>
        <span class="visually-hidden">Error: </span>
        {props.error}
      </p>
    </Show>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput' | 'type' | 'ref'>;

export interface TextFieldProps extends CommonProps, InputAttributes {
  type?: 'text' | 'email' | 'tel' | 'date' | 'password';
  ref?: (el: HTMLInputElement) => void;
}

export function TextField(props: TextFieldProps) {
  const [own, rest] = splitProps(props, ['id', 'label', 'optional', 'hint', 'error', 'value', 'onValue', 'type', 'ref']);
  const [revealed, setRevealed] = createSignal(false);
  const isPassword = () => own.type === 'password';
  const type = () => (isPassword() && revealed() ? 'text' : (own.type ?? 'text'));

  const input = (
    <input
      {...rest}
      ref={(el) => own.ref?.(el)}
      id={own.id}
      name={own.id}
      class="field__input"
      type={type()}
      value={own.value}
      onInput={(e) => own.onValue(e.currentTarget.value)}
      aria-invalid={own.error ? 'true' : undefined}
      aria-describedby={describedBy(own)}
    />
  );

  return (
    <div class="field" classList={{ 'field--invalid': Boolean(own.error) }}>
      <Label for={own.id} label={own.label} optional={own.optional} />
      <Hint id={own.id} hint={own.hint} />
      <Show when={isPassword()} fallback={input}>
        <div class="field__group">
          {input}
          <button
            type="button"
            class="field__reveal"
            aria-controls={own.id}
            aria-pressed={revealed()}
            onClick={() => setRevealed(!revealed())}
          >
            {revealed() ? 'Hide' : 'Show'}
            <span class="visually-hidden"> password</span>
          </button>
        </div>
      </Show>
      <ErrorText id={own.id} error={own.error} />
    </div>
  );
}

type AreaAttributes = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onInput' | 'ref'>;

export interface TextAreaFieldProps extends CommonProps, AreaAttributes {}

/** Free text over several lines (a visit's reason, a diagnosis, a bio): the same label, hint and error as the inputs. */
export function TextAreaField(props: TextAreaFieldProps) {
  const [own, rest] = splitProps(props, ['id', 'label', 'optional', 'hint', 'error', 'value', 'onValue']);
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(own.error) }}>
      <Label for={own.id} label={own.label} optional={own.optional} />
      <Hint id={own.id} hint={own.hint} />
      <textarea
        rows={3}
        {...rest}
        id={own.id}
        name={own.id}
        class="field__input field__textarea"
        value={own.value}
        onInput={(e) => own.onValue(e.currentTarget.value)}
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy(own)}
      />
      <ErrorText id={own.id} error={own.error} />
    </div>
  );
}

export interface SelectFieldProps extends CommonProps {
  options: ReadonlyArray<{ value: string; label: string }>;
  autocomplete?: string;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(props.error) }}>
      <Label for={props.id} label={props.label} optional={props.optional} />
      <Hint id={props.id} hint={props.hint} />
      <select
        id={props.id}
        name={props.id}
        class="field__input field__select"
        autocomplete={props.autocomplete}
        onChange={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
      <ErrorText id={props.id} error={props.error} />
    </div>
  );
}

/** Errors that belong to no field: wrong credentials, too many attempts, a disabled account, no network. */
export function FormAlert(props: { message: string | null; children?: JSX.Element }) {
  // The live region is always in the page, so a message put into it is announced.
  return (
    <div class="alert-region" role="alert" aria-atomic="true">
      <Show when={props.message}>
        <div class="alert alert--error">
          <p class="alert__title">There is a problem</p>
          <p class="alert__body">{props.message}</p>
          {props.children}
        </div>
      </Show>
    </div>
  );
}

export function Notice(props: { message: string | null }) {
  return (
    <div class="alert-region" role="status">
      <Show when={props.message}>
        <div class="alert alert--info">
          <p class="alert__body">{props.message}</p>
        </div>
      </Show>
    </div>
  );
}

/** After a failed submit, put the keyboard on the first field that needs attention. */
export function focusFirstInvalid(form: HTMLFormElement | undefined): void {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
