/**
 * /forgot-password: an email address, and the same answer whether or not it has an account (the API's
 * own words, 202), so the page tells nobody who is registered.
 */
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { PasswordResetInput } from '../../../shared/schemas/auth';
import { FormAlert, Notice, TextField } from '../components/field';
import { Card } from '../components/layout';
import { accountApi } from '../lib/account-api';
import { validate } from '../lib/form';
import { createFormState } from '../lib/form-state';

const LABELS = { email: 'Email address' } as const;
const SENT = 'If an account exists for that address, we have sent a link to choose a new password. The link works for 30 minutes.';

export default function ForgotPassword() {
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal<string | null>(null);
  const state = createFormState(LABELS, () => {
    const result = validate(PasswordResetInput, { email: email() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) =>
    state.submit(event, 'send the link', async ({ email: address }) => {
      await accountApi.requestReset(address);
      setSent(`${SENT} Check your inbox, and your spam folder too.`);
    });

  return (
    <Card title="Forgot your password?" lead="Type the email address of your Wardline account. We will send you a link to choose a new password.">
      <Notice message={sent()} />
      <FormAlert message={state.problem()} />
      <Show when={!sent()}>
        <form ref={state.ref} class="form" novalidate onSubmit={submit}>
          <TextField
            id="email"
            type="email"
            label={LABELS.email}
            autocomplete="username"
            inputmode="email"
            spellcheck={false}
            autocapitalize="none"
            required
            value={email()}
            onValue={(value) => {
              setEmail(value);
              state.recheck('email');
            }}
            error={state.errorFor('email')}
          />
          <button type="submit" class="button button--primary button--block" aria-disabled={state.busy() ? 'true' : undefined}>
            {state.busy() ? 'Sending…' : 'Send me a link'}
          </button>
        </form>
      </Show>
      <p class="card__footer">
        Remembered it? <A href="/sign-in">Back to sign in</A>
      </p>
    </Card>
  );
}
