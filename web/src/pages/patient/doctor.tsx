/**
 * `/doctors/:id`: a doctor's details and the week's free times. Choosing a time shows what will be booked;
 * "Continue" opens the confirm step (a dialog with an optional reason), which books with an Idempotency-Key
 * kept for that choice, so a retry after a lost answer books once.
 */
import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { Reason } from '../../../../shared/schemas/booking';
import { FormAlert } from '../../components/field';
import { TextAreaField } from '../../components/field';
import { SlotPicker } from '../../components/patient-slot-picker';
import { Async, Details, Modal, Page, Section } from '../../components/ui';
import { ApiError, newIdempotencyKey } from '../../lib/api';
import { validate } from '../../lib/form';
import { formatDateTime, formatTimeRange } from '../../lib/format';
import { keyPerChoice } from '../../lib/patient-booking';
import { appointments, catalog, type DoctorDto, type SlotDto } from '../../lib/patient-api';
import './patient.css';
import { latestOrNothing } from '../../lib/resource';

export default function DoctorProfile() {
  const params = useParams<{ id: string }>();
  const [doctor, { refetch }] = createResource(() => params.id, (id) => catalog.doctor(id));
  return (
    <Page title={latestOrNothing(doctor)?.name ?? 'Doctor'} back={{ href: '/doctors', label: 'Find a doctor' }}>
      <Async resource={doctor} refetch={refetch} loadingLabel="Loading the doctor…">
        {(d) => <DoctorDetails doctor={d} />}
      </Async>
    </Page>
  );
}

function DoctorDetails(props: { doctor: DoctorDto }) {
  const d = () => props.doctor;
  return (
    <>
      <Section title="About">
        <Details
          items={[
            { label: 'Department', value: d().departmentName },
            { label: 'Specialization', value: d().specialization },
            { label: 'Experience', value: d().experienceYears === null ? null : `${d().experienceYears} ${d().experienceYears === 1 ? 'year' : 'years'}` },
            { label: 'Visit length', value: `${d().slotMinutes} minutes` },
            { label: 'About the doctor', value: d().bio },
          ]}
        />
      </Section>
      <Booking doctor={d()} />
    </>
  );
}

function Booking(props: { doctor: DoctorDto }) {
  const navigate = useNavigate();
  const [selected, setSelected] = createSignal<SlotDto | null>(null);
  const [version, setVersion] = createSignal(0);
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [reasonError, setReasonError] = createSignal<string | undefined>();
  const [problem, setProblem] = createSignal<string | null>(null);
  const [limitReached, setLimitReached] = createSignal(false);
  const [pageProblem, setPageProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const keyFor = keyPerChoice(newIdempotencyKey);

  function choose(slot: SlotDto | null) {
    setSelected(slot);
    if (slot) setPageProblem(null);
  }

  function openConfirm() {
    setProblem(null);
    setLimitReached(false);
    setReasonError(undefined);
    setOpen(true);
  }

  /** The slot is gone (taken, or no longer offered): ask for the free times again and say why. */
  function slotGone(message: string) {
    setOpen(false);
    setSelected(null);
    setVersion((v) => v + 1);
    setPageProblem(message);
  }

  async function book(event: SubmitEvent) {
    event.preventDefault();
    const slot = selected();
    if (!slot || busy()) return;
    const text = reason().trim() === '' ? null : reason();
    if (text !== null) {
      const checked = validate(Reason, text);
      if (!checked.ok) {
        setReasonError(`Reason ${Object.values(checked.fields)[0] ?? 'is not valid'}.`);
        return;
      }
    }
    setReasonError(undefined);
    setProblem(null);
    setLimitReached(false);
    setBusy(true);
    try {
      const key = keyFor(JSON.stringify([props.doctor.id, slot.start, text]));
      const booked = await appointments.book({ doctorId: props.doctor.id, start: slot.start, reason: text }, key);
      setOpen(false);
      navigate(`/appointments/${encodeURIComponent(booked.id)}?booked=1`);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setProblem('Something went wrong while booking. Please try again.');
      } else if (err.code === 'slot_taken') {
        slotGone(`${err.message} The free times have been refreshed.`);
      } else if (err.code === 'not_bookable') {
        slotGone(`That time can no longer be booked: ${err.message} The free times have been refreshed.`);
      } else if (err.code === 'limit_reached') {
        setLimitReached(true);
        setProblem(err.message);
      } else if (err.status === 400 && err.fields.reason) {
        setReasonError(`Reason ${err.fields.reason}.`);
      } else {
        setProblem(err.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Book an appointment">
      <FormAlert message={pageProblem()} />
      <SlotPicker doctorId={props.doctor.id} selected={selected()} onSelect={choose} version={version()} label={`Days with ${props.doctor.name}`} />
      <Show when={selected()}>
        {(slot) => (
          <div class="choice" aria-live="polite">
            <p>
              <span class="muted">You chose </span>
              <strong>{formatDateTime(slot().start)}</strong>
            </p>
            <button type="button" class="button button--primary" onClick={openConfirm}>
              Continue to book
            </button>
          </div>
        )}
      </Show>
      <Modal open={open()} onOpenChange={setOpen} title="Confirm your appointment" description="Check the details, then book.">
        <Show when={selected()}>
          {(slot) => (
            <form class="form" novalidate onSubmit={book}>
              <Details
                items={[
                  { label: 'Doctor', value: props.doctor.name },
                  { label: 'Department', value: props.doctor.departmentName },
                  { label: 'Date and time', value: `${formatDateTime(slot().start)} (${formatTimeRange(slot().start, slot().end)})` },
                ]}
              />
              <TextAreaField id="booking-reason" label="Reason for the visit" optional hint="A few words help the doctor prepare. Up to 500 characters." value={reason()} onValue={setReason} error={reasonError()} maxLength={500} />
              <FormAlert message={problem()}>
                <Show when={limitReached()}>
                  <p>
                    <A href="/appointments">See my appointments</A> to cancel one you no longer need.
                  </p>
                </Show>
              </FormAlert>
              <div class="dialog__actions">
                <button type="button" class="button button--secondary" onClick={() => setOpen(false)}>
                  Choose another time
                </button>
                <button type="submit" class="button button--primary" aria-disabled={busy() ? 'true' : undefined}>
                  {busy() ? 'Booking…' : 'Book appointment'}
                </button>
              </div>
            </form>
          )}
        </Show>
      </Modal>
    </Section>
  );
}
