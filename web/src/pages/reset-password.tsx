/**
 * /reset-password?token=…: the link from the reset email. A new password (registration's policy); on
 * success every session has ended, so the person signs in again with a notice. A wrong, used or expired
 * link is explained with a way to ask for a new one; a password the policy refuses stays on its field
 * (the link still works).
 */
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import * as v from 'valibot';
import { NewPassword } from '../../../shared/schemas/auth';
import { PASSWORD_MIN } from '../../../shared/schemas/limits';
import { FormAlert, TextField } from '../components/field';
import { Card } from '../components/layout';
import { accountApi } from '../lib/account-api';
import { ApiError } from '../lib/api';
import { validate } from '../lib/form';
import { createFormState } from '../lib/form-state';
import { session } from '../lib/session';

const LABELS = { password: 'New password' } as const;

export default function ResetPassword() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // Read once, then taken out of the address bar and the browser's history: a link that sets a password
  // should not sit in a shared computer's history or be read over a shoulder. (No Referer carries it
  // either: index.html says `referrer: no-referrer`.)
  const initialToken = typeof params.token === 'string' ? params.token : '';
  if (initialToken !== '') window.history.replaceState(window.history.state, '', '/reset-password');
  const token = () => initialToken;
  const [password, setPassword] = createSignal('');
  const [linkRefused, setLinkRefused] = createSignal<string | null>(null);
  const state = createFormState(LABELS, () => {
    const result = validate(v.object({ password: NewPassword }), { password: password() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });

  const submit = (event: SubmitEvent) =>
    state.submit(
      event,
      'set your new password',
      async (input) => {
        await accountApi.confirmReset({ token: token(), password: input.password });
        session.passwordReset();
        navigate('/sign-in', { replace: true });
      },
      (err) => {
        if (!(err instanceof ApiError && err.code === 'invalid_token')) return false;
        setLinkRefused(err.message);
        return true;
      },
    );

  return (
    <Card title="Choose a new password" lead="Your new password replaces the old one, and every device signed in to your account is signed out.">
      <Show
        when={token() !== '' && !linkRefused()}
        fallback={
          <div class="alert alert--error" role="alert">
            <p class="alert__title">This link does not work</p>
            <p class="alert__body">
              {linkRefused() ?? 'The link is missing its code.'} A link works once, for 30 minutes after it was sent.
            </p>
            <p class="alert__body">
              <A href="/forgot-password">Ask for a new link</A>
            </p>
          </div>
        }
      >
        <FormAlert message={state.problem()} />
        <form ref={state.ref} class="form" novalidate onSubmit={submit}>
          <TextField
            id="password"
            type="password"
            label={LABELS.password}
            hint={`At least ${PASSWORD_MIN} characters. A few unrelated words together make a strong password.`}
            autocomplete="new-password"
            required
            minlength={PASSWORD_MIN}
            value={password()}
            onValue={(value) => {
              setPassword(value);
              state.recheck('password');
            }}
            error={state.errorFor('password')}
          />
          <button type="submit" class="button button--primary button--block" aria-disabled={state.busy() ? 'true' : undefined}>
            {state.busy() ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      </Show>
      <p class="card__footer">
        <A href="/sign-in">Back to sign in</A>
      </p>
    </Card>
  );
}
