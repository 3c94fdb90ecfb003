/**
 * The treatment's four fields, used to complete a visit and to correct its treatment afterwards.
 * Checked with the API's own schema first; the server's field errors land on their fields, and an error
 * about the visit's state can be claimed by the page (`handled`) to be explained its own way.
 */
import { createSignal } from 'solid-js';
import { CompleteAppointmentInput } from '../../../shared/schemas/doctor';
import { FormAlert, TextField } from './field';
import { TextAreaField } from './field';
import type { FieldMessages } from '../lib/api';
import { validate } from '../lib/form';
import { createFormState, type Checked } from '../lib/form-state';
import { formatDate, hospitalZone, todayInZone } from '../lib/format';

const LABELS = { diagnosis: 'Diagnosis', prescription: 'Prescription', notes: 'Notes', nextVisit: 'Next visit' } as const;

export interface TreatmentValues {
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  nextVisit: string | null;
}

export function TreatmentForm(props: {
  idPrefix: string;
  initial?: TreatmentValues | null;
  submitLabel: string;
  busyLabel: string;
  action: string;
  onSubmit: (values: TreatmentValues) => Promise<void>;
  handled?: (err: unknown) => boolean;
  onCancel?: () => void;
  /** A problem the page explains above the form (a 409). */
  problem?: string | null;
}) {
  const [diagnosis, setDiagnosis] = createSignal(props.initial?.diagnosis ?? '');
  const [prescription, setPrescription] = createSignal(props.initial?.prescription ?? '');
  const [notes, setNotes] = createSignal(props.initial?.notes ?? '');
  const [nextVisit, setNextVisit] = createSignal(props.initial?.nextVisit ?? '');
  let dateInput: HTMLInputElement | undefined;

  const blankToNull = (text: string) => (text.trim() === '' ? null : text);

  function check(): Checked<TreatmentValues> {
    const result = validate(CompleteAppointmentInput, {
      diagnosis: diagnosis(),
      prescription: blankToNull(prescription()),
      notes: blankToNull(notes()),
      nextVisit: blankToNull(nextVisit()),
    });
    const fields: FieldMessages = result.ok ? {} : { ...result.fields };
    if (diagnosis().trim() === '') fields.diagnosis = 'is required';
    if (dateInput?.validity.badInput) fields.nextVisit ??= 'must be a whole date (day, month and year)';
    else if (nextVisit() !== '' && nextVisit() < todayInZone(hospitalZone())) fields.nextVisit ??= `must not be in the past (today is ${formatDate(todayInZone(hospitalZone()))})`;
    if (!result.ok || Object.keys(fields).length > 0) return { fields };
    return {
      fields,
      output: {
        diagnosis: result.output.diagnosis,
        prescription: result.output.prescription ?? null,
        notes: result.output.notes ?? null,
        nextVisit: result.output.nextVisit ?? null,
      },
    };
  }

  const state = createFormState(LABELS, check);
  const set = (field: keyof typeof LABELS, setter: (v: string) => void) => (value: string) => {
    setter(value);
    state.recheck(field);
  };

  return (
    <>
      <FormAlert message={props.problem ?? state.problem()} />
      <form ref={state.ref} class="form" novalidate onSubmit={(e) => void state.submit(e, props.action, props.onSubmit, props.handled)}>
        <TextAreaField
          id={`${props.idPrefix}-diagnosis`}
          label={LABELS.diagnosis}
          required
          value={diagnosis()}
          onValue={set('diagnosis', setDiagnosis)}
          error={state.errorFor('diagnosis')}
        />
        <TextAreaField
          id={`${props.idPrefix}-prescription`}
          label={LABELS.prescription}
          optional
          hint="Medicine, dose and how long; leave empty if none."
          value={prescription()}
          onValue={set('prescription', setPrescription)}
          error={state.errorFor('prescription')}
        />
        <TextAreaField id={`${props.idPrefix}-notes`} label={LABELS.notes} optional value={notes()} onValue={set('notes', setNotes)} error={state.errorFor('notes')} />
        <TextField
          id={`${props.idPrefix}-nextVisit`}
          type="date"
          label={LABELS.nextVisit}
          optional
          hint="When the patient should come back, if they should."
          ref={(el) => (dateInput = el)}
          min={todayInZone(hospitalZone())}
          value={nextVisit()}
          onValue={set('nextVisit', setNextVisit)}
          error={state.errorFor('nextVisit')}
        />
        <div class="actions">
          <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
            {state.busy() ? props.busyLabel : props.submitLabel}
          </button>
          {props.onCancel ? (
            <button type="button" class="button button--secondary" onClick={() => props.onCancel?.()}>
              Cancel editing
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
