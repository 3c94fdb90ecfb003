/**
 * /register: a patient creates an account and is signed in. Name, email and password are required;
 * phone, date of birth and gender are optional. Checked here with the API's own schema first.
 */
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { GENDERS, RegisterInput } from '../../../shared/schemas/auth';
import { PASSWORD_MIN } from '../../../shared/schemas/limits';
import { FormAlert, SelectField, TextField } from '../components/field';
import { Card } from '../components/layout';
import { ApiError, auth, type FieldMessages } from '../lib/api';
import { localToday, validate } from '../lib/form';
import { createFormState, type Checked } from '../lib/form-state';
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

/** Labels for the API's genders (shared/schemas/auth.ts), so the form offers exactly what the API takes. */
const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  other: 'Other',
  undisclosed: 'Prefer not to say',
};
const GENDER_OPTIONS = [{ value: '', label: 'Not given' }, ...GENDERS.map((value) => ({ value, label: GENDER_LABELS[value] }))];

export default function Register() {
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [dateOfBirth, setDateOfBirth] = createSignal('');
  const [gender, setGender] = createSignal('');
  const [emailTaken, setEmailTaken] = createSignal(false);
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
  function check(): Checked<RegisterInput> {
    const result = validate(RegisterInput, input());
    const fields: FieldMessages = result.ok ? {} : { ...result.fields };
    if (dateInput?.validity.badInput) fields.dateOfBirth ??= 'must be a whole date (day, month and year)';
    else if (dateOfBirth() !== '' && dateOfBirth() > today) fields.dateOfBirth ??= 'must not be in the future';
    return result.ok && Object.keys(fields).length === 0 ? { fields, output: result.output } : { fields };
  }

  const state = createFormState(LABELS, check);
  const { errorFor } = state;

  const set = (field: FieldName, setter: (value: string) => void) => (value: string) => {
    setter(value);
    if (field === 'email') setEmailTaken(false);
    state.recheck(field);
  };

  function submit(event: SubmitEvent) {
    setEmailTaken(false);
    return state.submit(
      event,
      'create your account',
      // The guard on this page sends the new patient on once they are signed in.
      async (details) => session.signedIn(await auth.register(details)),
      (err) => {
        if (!(err instanceof ApiError && err.code === 'email_taken')) return false;
        setEmailTaken(true);
        state.showFieldErrors({ email: err.message });
        return true;
      },
    );
  }

  return (
    <Card title="Create an account" lead="Register as a patient to book appointments and see your records." wide>
      <FormAlert message={state.problem()} />
      <form ref={state.ref} class="form" novalidate onSubmit={submit}>
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
              options={GENDER_OPTIONS}
              value={gender()}
              onValue={set('gender', setGender)}
              error={errorFor('gender')}
            />
          </div>
        </fieldset>
        <button type="submit" class="button button--primary button--block" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="card__footer">
        Already have an account? <A href="/sign-in">Sign in</A>
      </p>
    </Card>
  );
}
