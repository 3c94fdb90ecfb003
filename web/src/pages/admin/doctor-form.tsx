/**
 * The doctor's profile form, for adding a doctor (with the account's email and password) and for editing one
 * (the profile only). Checked with the shared schemas first; the server's field errors land on their fields,
 * and a taken email on the email field.
 */
import { createResource, createSignal, Show } from 'solid-js';
import { CreateDoctorInput, UpdateDoctorInput, type AdminDoctorDto } from '../../../../shared/schemas/admin';
import { PASSWORD_MIN } from '../../../../shared/schemas/limits';
import { TextAreaField } from '../../components/field';
import { FormAlert, SelectField, TextField } from '../../components/field';
import { adminApi } from '../../lib/admin-api';
import { createDoctorBody, doctorFormProblems, updateDoctorBody, type DoctorFormValues } from '../../lib/admin-doctor-form';
import { ApiError, newIdempotencyKey } from '../../lib/api';
import { validate } from '../../lib/form';
import { createFormState } from '../../lib/form-state';

const LABELS = {
  name: 'Full name',
  email: 'Email address',
  password: 'Password',
  departmentId: 'Department',
  specialization: 'Specialization',
  experienceYears: 'Years of experience',
  bio: 'About the doctor',
  slotMinutes: 'Appointment length in minutes',
} as const;
type Field = keyof typeof LABELS;

export function DoctorForm(props: { doctor?: AdminDoctorDto; submitLabel: string; onSaved: (doctor: AdminDoctorDto) => void; onCancel?: () => void }) {
  const editing = () => props.doctor !== undefined;
  const [departments] = createResource(() => adminApi.departments({ pageSize: 200 }));
  const [values, setValues] = createSignal<DoctorFormValues>({
    name: props.doctor?.name ?? '',
    email: props.doctor?.email ?? '',
    password: '',
    departmentId: props.doctor?.departmentId ?? '',
    specialization: props.doctor?.specialization ?? '',
    experienceYears: props.doctor?.experienceYears?.toString() ?? '',
    bio: props.doctor?.bio ?? '',
    slotMinutes: props.doctor ? String(props.doctor.slotMinutes) : '',
  });
  const key = newIdempotencyKey();

  const state = createFormState(LABELS, () => {
    const current = values();
    const own = doctorFormProblems(current);
    const result = editing() ? validate(UpdateDoctorInput, updateDoctorBody(current)) : validate(CreateDoctorInput, createDoctorBody(current));
    const fields = { ...(result.ok ? {} : result.fields), ...own };
    return Object.keys(fields).length > 0 || !result.ok ? { fields } : { fields: {}, output: result.output };
  });

  const set = (field: Field) => (value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    state.recheck(field);
  };

  const submit = (event: SubmitEvent) =>
    state.submit(
      event,
      editing() ? 'save the profile' : 'add the doctor',
      async (input) => {
        const saved = props.doctor
          ? await adminApi.updateDoctor(props.doctor.id, input as UpdateDoctorInput)
          : await adminApi.createDoctor(input as CreateDoctorInput, key);
        props.onSaved(saved);
      },
      (err) => {
        if (err instanceof ApiError && err.code === 'email_taken') {
          state.showFieldErrors({ email: err.message });
          return true;
        }
        return false;
      },
    );

  const departmentOptions = () => [
    { value: '', label: departments.loading ? 'Loading departments…' : 'Choose a department' },
    ...(departments()?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
  ];

  return (
    <form ref={state.ref} class="admin-form" novalidate onSubmit={submit} aria-label={editing() ? 'Edit the profile' : 'New doctor'}>
      <FormAlert message={state.problem()} />
      <Show when={departments.error}>
        <FormAlert message="The departments could not be loaded. Reload the page to try again." />
      </Show>
      <TextField id="doctor-name" label={LABELS.name} autocomplete="off" required value={values().name} onValue={set('name')} error={state.errorFor('name')} />
      <Show when={!editing()}>
        <TextField
          id="doctor-email"
          type="email"
          label={LABELS.email}
          hint="The doctor signs in with it and receives their mail there."
          autocomplete="off"
          spellcheck={false}
          autocapitalize="none"
          required
          value={values().email}
          onValue={set('email')}
          error={state.errorFor('email')}
        />
        <TextField
          id="doctor-password"
          type="password"
          label={LABELS.password}
          hint={`At least ${PASSWORD_MIN} characters. Give it to the doctor in person; they can change it once signed in.`}
          autocomplete="new-password"
          required
          value={values().password}
          onValue={set('password')}
          error={state.errorFor('password')}
        />
      </Show>
      <div class="admin-form__pair">
        <SelectField
          id="doctor-department"
          label={LABELS.departmentId}
          options={departmentOptions()}
          value={values().departmentId}
          onValue={set('departmentId')}
          error={state.errorFor('departmentId')}
        />
        <TextField
          id="doctor-specialization"
          label={LABELS.specialization}
          hint="For example: Cardiologist"
          required
          value={values().specialization}
          onValue={set('specialization')}
          error={state.errorFor('specialization')}
        />
      </div>
      <div class="admin-form__pair">
        <TextField
          id="doctor-experience"
          label={LABELS.experienceYears}
          optional
          inputmode="numeric"
          value={values().experienceYears}
          onValue={set('experienceYears')}
          error={state.errorFor('experienceYears')}
        />
        <TextField
          id="doctor-slot-minutes"
          label={LABELS.slotMinutes}
          optional={!editing()}
          hint={editing() ? 'Booked appointments keep their times.' : '30 when left empty.'}
          inputmode="numeric"
          value={values().slotMinutes}
          onValue={set('slotMinutes')}
          error={state.errorFor('slotMinutes')}
        />
      </div>
      <TextAreaField id="doctor-bio" label={LABELS.bio} optional hint="Patients read this when they choose a doctor." maxLength={2000} value={values().bio} onValue={set('bio')} error={state.errorFor('bio')} />
      <div class="admin-actions">
        <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Saving…' : props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button button--secondary" onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
      </div>
    </form>
  );
}
