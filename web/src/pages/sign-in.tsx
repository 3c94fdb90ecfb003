/** /sign-in: email and password. Wrong credentials, too many attempts and a disabled account are told apart. */
import { A, useLocation } from '@solidjs/router';
import { createSignal, onCleanup } from 'solid-js';
import { LoginInput } from '../../../shared/schemas/auth';
import { FormAlert, Notice, TextField } from '../components/field';
import { Card } from '../components/layout';
import { auth } from '../lib/api';
import { validate } from '../lib/form';
import { createFormState } from '../lib/form-state';
import { session } from '../lib/session';

const LABELS = { email: 'Email address', password: 'Password' } as const;

export default function SignIn() {
  const location = useLocation<{ email?: string } | undefined>();
  const [email, setEmail] = createSignal(location.state?.email ?? '');
  const [password, setPassword] = createSignal('');
  // "You have signed out." is shown once, on this visit.
  const notice = session.notice();
  onCleanup(() => session.clearNotice());

  const state = createFormState(LABELS, () => {
    const result = validate(LoginInput, { email: email(), password: password() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) =>
    // The guard on this page sends the user on once they are signed in.
    state.submit(event, 'sign you in', async (credentials) => session.signedIn(await auth.login(credentials)));

  return (
    <Card title="Sign in" lead="Use the email address and password of your Wardline account.">
      <Notice message={notice} />
      <FormAlert message={state.problem()} />
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
        <TextField
          id="password"
          type="password"
          label={LABELS.password}
          autocomplete="current-password"
          required
          value={password()}
          onValue={(value) => {
            setPassword(value);
            state.recheck('password');
          }}
          error={state.errorFor('password')}
        />
        <button type="submit" class="button button--primary button--block" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="card__footer">
        New to Wardline? <A href="/register">Create an account</A>
      </p>
    </Card>
  );
}
