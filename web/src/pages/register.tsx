/**
 * /register: a patient creates an account and is signed in. Name, email and password are required;
 * phone, date of birth and gender are optional. Checked here with the API's own schema first.
 */
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { RegisterInput } from '../../../shared/schemas/auth';
import { PASSWORD_MIN } from '../../../shared/schemas/limits';
import { FormAlert, SelectField, TextField, focusFirstInvalid } from '../components/field';
import { Card } from '../components/layout';
import { ApiError, auth, type FieldMessages } from '../lib/api';
import { localToday, sentence, serverProblems, validate } from '../lib/form';
import { session } from '../lib/session';

const LABELS = {
  name: 'Full name',
  email: 'Email address',
  password: 'Password',
  phone: 'Phone number',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
} as const;
type FieldName = keyof typeof LABELS;

const GENDERS = [
  { value: '', label: 'Prefer not to say' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'non-binary', label: 'Non-binary' },
  { value: 'other', label: 'Other' },
] as const;

export default function Register() {
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [dateOfBirth, setDateOfBirth] = createSignal('');
  const [gender, setGender] = createSignal('');
  const [errors, setErrors] = createSignal<FieldMessages>({});
  const [problem, setProblem] = createSignal<string | null>(null);
  const [emailTaken, setEmailTaken] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;
  let dateInput: HTMLInputElement | undefined;
  const today = localToday();

  const input = () => ({
    name: name(),
    email: email(),
    password: password(),
    phone: phone().trim() === '' ? undefined : phone(),
    dateOfBirth: dateOfBirth() === '' ? undefined : dateOfBirth(),
    gender: gender() === '' ? undefined : gender(),
  });

  /** The shared schema, plus what only the browser knows (a half-typed date) and the server's date rule. */
  function check() {
    const result = validate(RegisterInput, input());
    const fields: FieldMessages = result.ok ? {} : { ...result.fields };
    if (dateInput?.validity.badInput) fields.dateOfBirth ??= 'must be a whole date (day, month and year)';
    else if (dateOfBirth() !== '' && dateOfBirth() > today) fields.dateOfBirth ??= 'must not be in the future';
    return { result, fields };
  }

  const errorFor = (field: FieldName) => {
    const message = errors()[field];
    return message ? sentence(LABELS[field], message) : undefined;
  };

  function recheck(field: FieldName) {
    if (!errors()[field]) return;
    if (field === 'email') setEmailTaken(false);
    const message = check().fields[field];
    setErrors((prev) => {
      const next = { ...prev };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });
  }

  const set = (field: FieldName, setter: (value: string) => void) => (value: string) => {
    setter(value);
    recheck(field);
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setProblem(null);
    setEmailTaken(false);
    const { result, fields } = check();
    if (!result.ok || Object.keys(fields).length > 0) {
      setErrors(fields);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      session.signedIn(await auth.register(result.output));
      // The guard on this page now sends the new patient on.
    } catch (err) {
      if (err instanceof ApiError && err.code === 'email_taken') {
        setEmailTaken(true);
        setErrors({ email: err.message });
        focusFirstInvalid(form);
        return;
      }
      const { fields, summary } = serverProblems(err, Object.keys(LABELS), 'create your account');
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
    <Card title="Create an account" lead="Register as a patient to book appointments and see your records." wide>
      <FormAlert message={problem()} />
      <form ref={form} class="form" novalidate onSubmit={submit}>
        <TextField
          id="name"
          label={LABELS.name}
          autocomplete="name"
          autocapitalize="words"
          spellcheck={false}
          required
          value={name()}
          onValue={set('name', setName)}
          error={errorFor('name')}
        />
        <TextField
          id="email"
          type="email"
          label={LABELS.email}
          hint="We send appointment confirmations and reminders here."
          autocomplete="email"
          inputmode="email"
          autocapitalize="none"
          spellcheck={false}
          required
          value={email()}
          onValue={set('email', setEmail)}
          error={errorFor('email')}
        />
        <Show when={emailTaken()}>
          <p class="field-aside">
            <A href="/sign-in" state={{ email: email() }}>
              Sign in with this email instead
            </A>
          </p>
        </Show>
        <TextField
          id="password"
          type="password"
          label={LABELS.password}
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words together make a strong password.`}
          autocomplete="new-password"
          required
          minlength={PASSWORD_MIN}
          value={password()}
          onValue={set('password', setPassword)}
          error={errorFor('password')}
        />
        <fieldset class="form__group">
          <legend class="form__legend">About you</legend>
          <p class="form__group-hint">These help the hospital reach and recognise you. You can add them later.</p>
          <TextField
            id="phone"
            type="tel"
            label={LABELS.phone}
            optional
            autocomplete="tel"
            inputmode="tel"
            value={phone()}
            onValue={set('phone', setPhone)}
            error={errorFor('phone')}
          />
          <div class="form__row">
            <TextField
              id="dateOfBirth"
              type="date"
              label={LABELS.dateOfBirth}
              optional
              autocomplete="bday"
              min="1900-01-01"
              max={today}
              ref={(el) => (dateInput = el)}
              value={dateOfBirth()}
              onValue={set('dateOfBirth', setDateOfBirth)}
              error={errorFor('dateOfBirth')}
            />
            <SelectField
              id="gender"
              label={LABELS.gender}
              optional
              autocomplete="sex"
              options={GENDERS}
              value={gender()}
              onValue={set('gender', setGender)}
              error={errorFor('gender')}
            />
          </div>
        </fieldset>
        <button type="submit" class="button button--primary button--block" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="card__footer">
        Already have an account? <A href="/sign-in">Sign in</A>
      </p>
    </Card>
  );
}
