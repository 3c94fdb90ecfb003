/**
 * /doctor/appointments/:id: one appointment, and what the doctor does with it: complete the visit (the
 * treatment), correct the treatment afterwards, or cancel it (the patient is emailed). The API has no
 * "one appointment" endpoint for doctors: it is found in the list (lib/doctor-api.ts), its treatment in
 * the patient's history.
 */
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { TextAreaField } from '../../components/field';
import { TreatmentForm, type TreatmentValues } from '../../components/doctor-treatment-form';
import { Notice } from '../../components/field';
import { Async, ConfirmDialog, Details, Page, Section, StatusBadge } from '../../components/ui';
import { ApiError, type User } from '../../lib/api';
import { doctorApi, findAppointment, treatmentOf, type DoctorAppointmentDto } from '../../lib/doctor-api';
import { dateInZone, formatDate, formatDateTime, formatTime, formatTimeRange, hospitalZone, zoneAbbreviation } from '../../lib/format';
import { isRealDate } from '../../../../shared/schemas/dates';
import './doctor.css';
import { latestOrNothing } from '../../lib/resource';

/** How long before its start a visit may be completed (functions/doctor/complete-appointment.ts). */
const COMPLETE_EARLY_MINUTES = 30;

interface Loaded {
  appointment: DoctorAppointmentDto;
  treatment: (TreatmentValues & { id: string; authorId: string | null }) | null;
}

async function load(id: string, on: string | undefined): Promise<Loaded> {
  const appointment = await findAppointment(id, on);
  if (!appointment) throw new ApiError(404, 'not_found', 'No such appointment.');
  const item = appointment.status === 'completed' ? await treatmentOf(appointment) : null;
  return {
    appointment,
    treatment: item
      ? { id: item.treatmentId, authorId: item.authorId, diagnosis: item.diagnosis, prescription: item.prescription, notes: item.notes, nextVisit: item.nextVisit }
      : null,
  };
}

/**
 * After an action the part of the page that held the keyboard is replaced (the form by the treatment,
 * the button by the new status): the keyboard starts again at the title, above the message saying what happened.
 */
function focusTitle() {
  setTimeout(() => document.getElementById('page-title')?.focus(), 50);
}

/** Why a visit cannot be completed, in words, from what the page knows. */
function completeRefusal(err: ApiError, appointment: DoctorAppointmentDto): string {
  const opensAt = new Date(new Date(appointment.start).getTime() - COMPLETE_EARLY_MINUTES * 60_000).toISOString();
  if (err.code === 'state' && Date.now() < Date.parse(opensAt)) {
    return `This visit cannot be completed yet: a visit can be completed from ${COMPLETE_EARLY_MINUTES} minutes before its start. This one starts at ${formatTime(appointment.start)} ${zoneAbbreviation(appointment.start)}, so it can be completed from ${formatTime(opensAt)} ${zoneAbbreviation(opensAt)} on ${formatDate(dateInZone(opensAt, hospitalZone()))}.`;
  }
  return `This visit cannot be completed: ${err.message} It may have been completed or cancelled meanwhile; the page now shows its current state.`;
}

export default function Appointment(props: { user: User }) {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const on = () => {
    const value = Array.isArray(search.on) ? search.on[0] : search.on;
    return value && isRealDate(value) ? value : undefined;
  };
  const [data, { refetch, mutate }] = createResource(() => ({ id: params.id, on: on() }), ({ id, on: date }) => load(id, date));
  const [completeProblem, setCompleteProblem] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal(false);
  const [cancelOpen, setCancelOpen] = createSignal(false);
  const [cancelReason, setCancelReason] = createSignal('');

  async function complete(appointment: DoctorAppointmentDto, values: TreatmentValues) {
    setCompleteProblem(null);
    const answer = await doctorApi.complete(appointment.id, values);
    const t = answer.treatment;
    mutate({
      appointment: { ...appointment, status: answer.status, treatmentId: answer.treatmentId },
      treatment: t ? { id: t.id, authorId: t.authorId, diagnosis: t.diagnosis, prescription: t.prescription, notes: t.notes, nextVisit: t.nextVisit } : null,
    });
    setDone('The visit is completed and its treatment saved. The patient can read it in their history.');
    focusTitle();
  }

  async function correct(loaded: Loaded, values: TreatmentValues) {
    if (!loaded.treatment) return;
    const t = await doctorApi.updateTreatment(loaded.treatment.id, values);
    mutate({ ...loaded, treatment: { id: t.id, authorId: t.authorId, diagnosis: t.diagnosis, prescription: t.prescription, notes: t.notes, nextVisit: t.nextVisit } });
    setEditing(false);
    setDone('The treatment is corrected.');
    focusTitle();
  }

  async function cancel(loaded: Loaded) {
    const reason = cancelReason().trim();
    const answer = await doctorApi.cancel(loaded.appointment.id, reason === '' ? null : reason);
    mutate({ ...loaded, appointment: { ...loaded.appointment, status: answer.status, cancelReason: answer.cancelReason } });
    setDone('The appointment is cancelled. The patient is told by email.');
    focusTitle();
  }

  return (
    <Page
      title={latestOrNothing(data) ? `Appointment with ${latestOrNothing(data)!.appointment.patientName}` : 'Appointment'}
      back={{ href: '/doctor/appointments', label: 'All appointments' }}
    >
      <Notice message={done()} />
      <Async resource={data} refetch={refetch} loadingLabel="Loading the appointment…">
        {(loaded) => (
          <>
            <Section title="The appointment" id="appointment-details">
              <Details
                items={[
                  { label: 'Patient', value: <A href={`/doctor/patients/${encodeURIComponent(loaded.appointment.patientId)}`}>{loaded.appointment.patientName}</A> },
                  { label: 'Date', value: formatDate(dateInZone(loaded.appointment.start, hospitalZone())) },
                  { label: 'Time', value: formatTimeRange(loaded.appointment.start, loaded.appointment.end) },
                  { label: 'Status', value: <StatusBadge status={loaded.appointment.status} /> },
                  { label: 'Reason', value: loaded.appointment.reason },
                  ...(loaded.appointment.status === 'cancelled' ? [{ label: 'Why cancelled', value: loaded.appointment.cancelReason }] : []),
                ]}
              />
              <Show when={loaded.appointment.status === 'booked'}>
                <div class="actions">
                  <button type="button" class="button button--danger" onClick={() => setCancelOpen(true)}>
                    Cancel appointment
                  </button>
                </div>
                <ConfirmDialog
                  open={cancelOpen()}
                  onOpenChange={setCancelOpen}
                  title="Cancel this appointment?"
                  description={`${loaded.appointment.patientName}, ${formatDateTime(loaded.appointment.start)}. The patient is told by email; this cannot be undone.`}
                  confirmLabel="Cancel appointment"
                  busyLabel="Cancelling…"
                  cancelLabel="Keep it"
                  danger
                  onConfirm={() => cancel(loaded)}
                >
                  <TextAreaField
                    id="cancel-reason"
                    label="Reason for the patient"
                    optional
                    hint="Included in the email to the patient."
                    maxLength={500}
                    value={cancelReason()}
                    onValue={setCancelReason}
                  />
                </ConfirmDialog>
              </Show>
            </Section>

            <Switch>
              <Match when={loaded.appointment.status === 'booked'}>
                <Section title="Complete the visit" id="complete-visit">
                  <p class="muted">A visit can be completed from {COMPLETE_EARLY_MINUTES} minutes before its start, during it or after it.</p>
                  <TreatmentForm
                    idPrefix="complete"
                    submitLabel="Complete the visit"
                    busyLabel="Saving…"
                    action="complete the visit"
                    problem={completeProblem()}
                    onSubmit={(values) => complete(loaded.appointment, values)}
                    handled={(err) => {
                      if (!(err instanceof ApiError && err.status === 409)) return false;
                      setCompleteProblem(completeRefusal(err, loaded.appointment));
                      if (Date.now() >= Date.parse(loaded.appointment.start) - COMPLETE_EARLY_MINUTES * 60_000) void refetch();
                      return true;
                    }}
                  />
                </Section>
              </Match>
              <Match when={loaded.appointment.status === 'completed'}>
                <Section
                  title="Treatment"
                  id="treatment"
                  actions={
                    <Show when={loaded.treatment && !editing() && (loaded.treatment.authorId === null || loaded.treatment.authorId === props.user.id)}>
                      <button type="button" class="button button--secondary button--small" onClick={() => { setDone(null); setEditing(true); }}>
                        Edit treatment
                      </button>
                    </Show>
                  }
                >
                  <Show when={loaded.treatment} fallback={<p class="muted">The treatment of this visit could not be found in the patient's history.</p>}>
                    {(treatment) => (
                      <Show
                        when={editing()}
                        fallback={
                          <Details
                            items={[
                              { label: 'Diagnosis', value: treatment().diagnosis },
                              { label: 'Prescription', value: treatment().prescription },
                              { label: 'Notes', value: treatment().notes },
                              { label: 'Next visit', value: treatment().nextVisit ? formatDate(treatment().nextVisit!) : null },
                            ]}
                          />
                        }
                      >
                        <TreatmentForm
                          idPrefix="treatment"
                          initial={treatment()}
                          submitLabel="Save the treatment"
                          busyLabel="Saving…"
                          action="save the treatment"
                          onSubmit={(values) => correct(loaded, values)}
                          onCancel={() => setEditing(false)}
                        />
                      </Show>
                    )}
                  </Show>
                </Section>
              </Match>
            </Switch>
          </>
        )}
      </Async>
    </Page>
  );
}
