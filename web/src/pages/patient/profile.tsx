/**
 * `/profile`: the patient's details. Only the fields that changed are sent (PATCH); an emptied optional field
 * is cleared (null). The server's message for a field shows on that field. The email is the sign-in and is
 * not changed here.
 */
import { A } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { GENDERS } from '../../../../shared/schemas/auth';
import { BLOOD_GROUPS, UpdateProfileInput, type PatientProfile } from '../../../../shared/schemas/patient';
import { FormAlert, Notice, SelectField, TextField } from '../../components/field';
import { TextAreaField } from '../../components/field';
import { Async, Page, Section } from '../../components/ui';
import type { FieldMessages } from '../../lib/api';
import { localToday, validate } from '../../lib/form';
import { createFormState, type Checked } from '../../lib/form-state';
import { record } from '../../lib/patient-api';
import './patient.css';

const LABELS = {
  name: 'Full name',
  phone: 'Phone number',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  address: 'Address',
  bloodGroup: 'Blood group',
} as const;
type FieldName = keyof typeof LABELS;

const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  other: 'Other',
  undisclosed: 'Prefer not to say',
};
const GENDER_OPTIONS = [{ value: '', label: 'Not given' }, ...GENDERS.map((value) => ({ value, label: GENDER_LABELS[value] }))];
const BLOOD_OPTIONS = [{ value: '', label: 'Not known' }, ...BLOOD_GROUPS.map((value) => ({ value, label: value }))];

export default function Profile() {
  const [profile, { refetch, mutate }] = createResource(() => record.profile());
  // Kept here, not in the form: saving replaces the profile, and with it the form below.
  const [saved, setSaved] = createSignal<string | null>(null);
  return (
    <Page title="My profile" lead="How the hospital reaches and recognises you." actions={<A href="/access-log">Who looked at my record</A>}>
      <Async resource={profile} refetch={refetch} loadingLabel="Loading your profile…">
        {(p) => <ProfileForm profile={p} saved={saved()} onSavedMessage={setSaved} onSaved={(next) => mutate(next)} />}
      </Async>
    </Page>
  );
}

function ProfileForm(props: { profile: PatientProfile; saved: string | null; onSavedMessage: (message: string | null) => void; onSaved: (p: PatientProfile) => void }) {
  const initial = props.profile;
  const [values, setValues] = createSignal<Record<FieldName, string>>({
    name: initial.name,
    phone: initial.phone ?? '',
    dateOfBirth: initial.dateOfBirth ?? '',
    gender: initial.gender ?? '',
    address: initial.address ?? '',
    bloodGroup: initial.bloodGroup ?? '',
  });
  const setSaved = (message: string | null) => props.onSavedMessage(message);
  let dateInput: HTMLInputElement | undefined;
  const today = localToday();

  /** Only what differs from the profile as last saved; an emptied field becomes null (cleared). */
  const changes = () => {
    const out: Record<string, string | null> = {};
    for (const field of Object.keys(LABELS) as FieldName[]) {
      const now = values()[field];
      const before = (props.profile[field] as string | null) ?? '';
      if (now === before) continue;
      out[field] = field !== 'name' && now.trim() === '' ? null : now;
    }
    return out;
  };

  function check(): Checked<UpdateProfileInput> {
    const fields: FieldMessages = {};
    if (dateInput?.validity.badInput) fields.dateOfBirth = 'must be a whole date (day, month and year)';
    else if (values().dateOfBirth !== '' && values().dateOfBirth > today) fields.dateOfBirth = 'must not be in the future';
    const result = validate(UpdateProfileInput, changes());
    if (!result.ok) for (const [name, why] of Object.entries(result.fields)) if (name in LABELS) fields[name] ??= why;
    return Object.keys(fields).length === 0 && result.ok ? { fields, output: result.output } : { fields };
  }

  const state = createFormState(LABELS, check);
  const set = (field: FieldName) => (value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setSaved(null);
    state.recheck(field);
  };

  function submit(event: SubmitEvent) {
    setSaved(null);
    if (Object.keys(changes()).length === 0) {
      event.preventDefault();
      setSaved('Nothing has changed, so there was nothing to save.');
      return;
    }
    return state.submit(event, 'save your profile', async (input) => {
      const next = await record.updateProfile(input);
      props.onSaved(next);
      setSaved('Saved. Your profile is up to date.');
    });
  }

  return (
    <Section title="Your details">
      <FormAlert message={state.problem()} />
      <Notice message={props.saved} />
      <form ref={state.ref} class="form" novalidate onSubmit={submit}>
        <TextField id="profile-email" label="Email address" hint="Your sign-in. It cannot be changed here." type="email" value={props.profile.email} onValue={() => undefined} readOnly />
        <TextField id="name" label={LABELS.name} autocomplete="name" required value={values().name} onValue={set('name')} error={state.errorFor('name')} />
        <TextField id="phone" type="tel" label={LABELS.phone} optional autocomplete="tel" inputmode="tel" value={values().phone} onValue={set('phone')} error={state.errorFor('phone')} />
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
            value={values().dateOfBirth}
            onValue={set('dateOfBirth')}
            error={state.errorFor('dateOfBirth')}
          />
          <SelectField id="gender" label={LABELS.gender} optional autocomplete="sex" options={GENDER_OPTIONS} value={values().gender} onValue={set('gender')} error={state.errorFor('gender')} />
        </div>
        <TextAreaField id="address" label={LABELS.address} optional autocomplete="street-address" value={values().address} onValue={set('address')} error={state.errorFor('address')} maxLength={300} />
        <SelectField id="bloodGroup" label={LABELS.bloodGroup} optional options={BLOOD_OPTIONS} value={values().bloodGroup} onValue={set('bloodGroup')} error={state.errorFor('bloodGroup')} />
        <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Saving…' : 'Save changes'}
        </button>
      </form>
    </Section>
  );
}
