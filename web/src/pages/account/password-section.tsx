/** Change the password: the current one and a new one (registration's policy). Every other session ends. */
import { createSignal } from 'solid-js';
import { ChangePasswordInput } from '../../../../shared/schemas/auth';
import { PASSWORD_MIN } from '../../../../shared/schemas/limits';
import { FormAlert, Notice, TextField } from '../../components/field';
import { Section } from '../../components/ui';
import { accountApi } from '../../lib/account-api';
import { validate } from '../../lib/form';
import { createFormState } from '../../lib/form-state';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' } as const;

export function PasswordSection(props: { onChanged: () => void }) {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [done, setDone] = createSignal<string | null>(null);
  const state = createFormState(LABELS, () => {
    const result = validate(ChangePasswordInput, { currentPassword: current(), newPassword: next() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) => {
    setDone(null);
    return state.submit(event, 'change your password', async (input) => {
      await accountApi.changePassword(input);
      setCurrent('');
      setNext('');
      setDone('Your password has been changed. Any other devices signed in to your account were signed out; this one stays signed in.');
      props.onChanged();
    });
  };

  return (
    <Section title="Password" id="password">
      <Notice message={done()} />
      <FormAlert message={state.problem()} />
      <form ref={state.ref} class="form account__form" novalidate onSubmit={submit}>
        <TextField
          id="currentPassword"
          type="password"
          label={LABELS.currentPassword}
          autocomplete="current-password"
          required
          value={current()}
          onValue={(value) => {
            setCurrent(value);
            state.recheck('currentPassword');
          }}
          error={state.errorFor('currentPassword')}
        />
        <TextField
          id="newPassword"
          type="password"
          label={LABELS.newPassword}
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words together make a strong password.`}
          autocomplete="new-password"
          required
          minlength={PASSWORD_MIN}
          value={next()}
          onValue={(value) => {
            setNext(value);
            state.recheck('newPassword');
          }}
          error={state.errorFor('newPassword')}
        />
        <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </Section>
  );
}
