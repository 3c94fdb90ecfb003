/**
 * /sign-in: email and password; for an account with two-step sign-in, then a code from the authenticator
 * app (or a recovery code) on the same page. Wrong credentials, a wrong code, too many attempts and a
 * disabled account are told apart.
 */
import { A, useLocation } from '@solidjs/router';
import { createSignal, onCleanup, Show } from 'solid-js';
import { LoginInput, MfaCodeInput } from '../../../shared/schemas/auth';
import { FormAlert, Notice, TextField } from '../components/field';
import { Card } from '../components/layout';
import { accountApi, tidyCode } from '../lib/account-api';
import { ApiError } from '../lib/api';
import { validate } from '../lib/form';
import { createFormState } from '../lib/form-state';
import { session } from '../lib/session';

const LABELS = { email: 'Email address', password: 'Password' } as const;
const CODE_LABELS = { code: 'Code' } as const;

export default function SignIn() {
  const location = useLocation<{ email?: string } | undefined>();
  const [email, setEmail] = createSignal(location.state?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [step, setStep] = createSignal<'password' | 'code'>('password');
  /** Why the person is back at the password step (the five minutes for the code ran out), if not by choice. */
  const [expired, setExpired] = createSignal<string | null>(null);
  // "You have signed out." is shown once, on this visit.
  const notice = session.notice();
  onCleanup(() => session.clearNotice());

  const state = createFormState(LABELS, () => {
    const result = validate(LoginInput, { email: email(), password: password() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) =>
    // The guard on this page sends the user on once they are signed in.
    state.submit(event, 'sign you in', async (credentials) => {
      setExpired(null);
      const answer = await accountApi.signInWithPassword(credentials);
      if ('user' in answer) session.signedIn(answer.user);
      else {
        setPassword('');
        setStep('code');
      }
    });

  return (
    <Card title="Sign in" lead={step() === 'password' ? 'Use the email address and password of your Wardline account.' : undefined}>
      <Show
        when={step() === 'password'}
        fallback={
          <CodeStep
            back={(why) => {
              setStep('password');
              setExpired(why);
            }}
          />
        }
      >
        <Notice message={expired() ?? notice} />
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
          <p class="field-aside">
            <A href="/forgot-password">Forgot password?</A>
          </p>
          <button type="submit" class="button button--primary button--block" aria-disabled={state.busy() ? 'true' : undefined}>
            {state.busy() ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="card__footer">
          New to Wardline? <A href="/register">Create an account</A>
        </p>
      </Show>
    </Card>
  );
}

/** The second step: a 6-digit code from the authenticator app, or a recovery code. */
function CodeStep(props: { back: (why: string | null) => void }) {
  const [code, setCode] = createSignal('');
  const state = createFormState(CODE_LABELS, () => {
    const result = validate(MfaCodeInput, { code: code() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) =>
    state.submit(
      event,
      'check your code',
      async (input) => session.signedIn(await accountApi.signInWithCode(tidyCode(input.code))),
      (err) => {
        if (!(err instanceof ApiError)) return false;
        if (err.code === 'invalid_code') {
          state.showFieldErrors({ code: err.message });
          return true;
        }
        // No pending sign-in any more (over five minutes): the password again.
        if (err.status === 401) {
          props.back(err.message);
          return true;
        }
        return false;
      },
    );

  return (
    <>
      <p class="card__lead">Two-step sign-in is on for this account. Enter the 6-digit code your authenticator app shows now.</p>
      <FormAlert message={state.problem()} />
      <form ref={state.ref} class="form" novalidate onSubmit={submit}>
        <TextField
          id="code"
          label={CODE_LABELS.code}
          hint="Lost your phone? Type one of your recovery codes instead (like abcde-fghij). Each one works once."
          autocomplete="one-time-code"
          spellcheck={false}
          autocapitalize="none"
          required
          ref={(el) => queueMicrotask(() => el.focus())}
          value={code()}
          onValue={(value) => {
            setCode(value);
            state.recheck('code');
          }}
          error={state.errorFor('code')}
        />
        <button type="submit" class="button button--primary button--block" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Checking…' : 'Continue'}
        </button>
      </form>
      <p class="card__footer">
        <button type="button" class="button button--secondary" onClick={() => props.back(null)}>
          Back to email and password
        </button>
      </p>
    </>
  );
}
