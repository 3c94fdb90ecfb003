/** The admin's edit of a patient's profile: the fields and rules of the patient's own profile form (its schema). */
import { createSignal } from 'solid-js';
import type { AdminPatientDto } from '../../../../shared/schemas/admin';
import { GENDERS } from '../../../../shared/schemas/auth';
import { BLOOD_GROUPS, UpdateProfileInput } from '../../../../shared/schemas/patient';
import { TextAreaField } from '../../components/field';
import { FormAlert, SelectField, TextField } from '../../components/field';
import { adminApi } from '../../lib/admin-api';
import { validate } from '../../lib/form';
import { createFormState } from '../../lib/form-state';

const LABELS = { name: 'Full name', phone: 'Phone number', dateOfBirth: 'Date of birth', gender: 'Gender', address: 'Address', bloodGroup: 'Blood group' } as const;
type Field = keyof typeof LABELS;

const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  other: 'Other',
  undisclosed: 'Prefer not to say',
};
export const genderLabel = (gender: string | null) => (gender ? (GENDER_LABELS[gender as (typeof GENDERS)[number]] ?? gender) : null);
const GENDER_OPTIONS = [{ value: '', label: 'Not given' }, ...GENDERS.map((value) => ({ value, label: GENDER_LABELS[value] }))];
const BLOOD_OPTIONS = [{ value: '', label: 'Not known' }, ...BLOOD_GROUPS.map((value) => ({ value, label: value }))];

const orNull = (text: string) => (text.trim() === '' ? null : text);

export function PatientForm(props: { patient: AdminPatientDto; onSaved: (patient: AdminPatientDto) => void; onCancel: () => void }) {
  const [values, setValues] = createSignal<Record<Field, string>>({
    name: props.patient.name,
    phone: props.patient.phone ?? '',
    dateOfBirth: props.patient.dateOfBirth ?? '',
    gender: props.patient.gender ?? '',
    address: props.patient.address ?? '',
    bloodGroup: props.patient.bloodGroup ?? '',
  });
  const state = createFormState(LABELS, () => {
    const v = values();
    const result = validate(UpdateProfileInput, {
      name: v.name,
      phone: orNull(v.phone),
      dateOfBirth: orNull(v.dateOfBirth),
      gender: orNull(v.gender),
      address: orNull(v.address),
      bloodGroup: orNull(v.bloodGroup),
    });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const set = (field: Field) => (value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    state.recheck(field);
  };
  const submit = (event: SubmitEvent) =>
    state.submit(event, "save the patient's profile", async (input) => props.onSaved(await adminApi.updatePatient(props.patient.id, input)));

  return (
    <form ref={state.ref} class="admin-form" novalidate onSubmit={submit} aria-label="Edit the patient's profile">
      <FormAlert message={state.problem()} />
      <TextField id="patient-name" label={LABELS.name} required autocomplete="off" value={values().name} onValue={set('name')} error={state.errorFor('name')} />
      <div class="admin-form__pair">
        <TextField id="patient-phone" type="tel" label={LABELS.phone} optional autocomplete="off" value={values().phone} onValue={set('phone')} error={state.errorFor('phone')} />
        <TextField id="patient-dob" type="date" label={LABELS.dateOfBirth} optional value={values().dateOfBirth} onValue={set('dateOfBirth')} error={state.errorFor('dateOfBirth')} />
      </div>
      <div class="admin-form__pair">
        <SelectField id="patient-gender" label={LABELS.gender} optional options={GENDER_OPTIONS} value={values().gender} onValue={set('gender')} error={state.errorFor('gender')} />
        <SelectField id="patient-blood" label={LABELS.bloodGroup} optional options={BLOOD_OPTIONS} value={values().bloodGroup} onValue={set('bloodGroup')} error={state.errorFor('bloodGroup')} />
      </div>
      <TextAreaField id="patient-address" label={LABELS.address} optional rows={3} maxLength={300} value={values().address} onValue={set('address')} error={state.errorFor('address')} />
      <div class="admin-actions">
        <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Saving…' : 'Save the profile'}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
