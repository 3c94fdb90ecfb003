/** /sign-in: email and password. Wrong credentials, too many attempts and a disabled account are told apart. */
import { A, useLocation } from '@solidjs/router';
import { createSignal, onCleanup } from 'solid-js';
import { LoginInput } from '../../../shared/schemas/auth';
import { FormAlert, Notice, TextField, focusFirstInvalid } from '../components/field';
import { Card } from '../components/layout';
import { auth, type FieldMessages } from '../lib/api';
import { sentence, serverProblems, validate } from '../lib/form';
import { session } from '../lib/session';

const LABELS = { email: 'Email address', password: 'Password' } as const;
type FieldName = keyof typeof LABELS;

export default function SignIn() {
  const location = useLocation<{ email?: string } | undefined>();
  const [email, setEmail] = createSignal(location.state?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<FieldMessages>({});
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  // "You have signed out." is shown once, on this visit.
  const notice = session.notice();
  onCleanup(() => session.clearNotice());
  let form: HTMLFormElement | undefined;

  const values = () => ({ email: email(), password: password() });
  const errorFor = (name: FieldName) => {
    const message = errors()[name];
    return message ? sentence(LABELS[name], message) : undefined;
  };

  /** Once a field shows an error, check it again as it is corrected. */
  function recheck(name: FieldName) {
    if (!errors()[name]) return;
    const result = validate(LoginInput, values());
    const message = result.ok ? undefined : result.fields[name];
    setErrors((prev) => {
      const next = { ...prev };
      if (message) next[name] = message;
      else delete next[name];
      return next;
    });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setProblem(null);
    const checked = validate(LoginInput, values());
    if (!checked.ok) {
      setErrors(checked.fields);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      session.signedIn(await auth.login(checked.output));
      // The guard on this page now sends the user on.
    } catch (err) {
      const { fields, summary } = serverProblems(err, Object.keys(LABELS), 'sign you in');
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        focusFirstInvalid(form);
      }
      setProblem(summary);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Sign in" lead="Use the email address and password of your Wardline account.">
      <Notice message={notice} />
      <FormAlert message={problem()} />
      <form ref={form} class="form" novalidate onSubmit={submit}>
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
            recheck('email');
          }}
          error={errorFor('email')}
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
            recheck('password');
          }}
          error={errorFor('password')}
        />
        <button type="submit" class="button button--primary button--block" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="card__footer">
        New to Wardline? <A href="/register">Create an account</A>
      </p>
    </Card>
  );
}
