/**
 * `/appointments/:id` (the emails link here): one appointment. Once completed, its treatment; while booked
 * and ahead, Reschedule (a slot picker for the same doctor, then a confirmation) and Cancel (a confirmation
 * with an optional reason). The change cut-off is said before the buttons; inside it they are disabled.
 * `?booked=1` after a booking shows the confirmation and the calendar file.
 */
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { Reason } from '../../../../shared/schemas/booking';
import { Notice } from '../../components/field';
import { TextAreaField } from '../../components/field';
import { SlotPicker } from '../../components/patient-slot-picker';
import { Async, ConfirmDialog, Details, Page, Section, StatusBadge } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { validate } from '../../lib/form';
import { formatDateTime, formatTimeRange } from '../../lib/format';
import { settings } from '../../lib/config';
import { changeState, cutoffHoursFromMessage, hoursWord } from '../../lib/patient-booking';
import { appointments, type PatientAppointmentDetail, type SlotDto } from '../../lib/patient-api';
import './patient.css';
import { latestOrNothing } from '../../lib/resource';

export default function AppointmentPage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const [appointment, { refetch, mutate }] = createResource(() => params.id, (id) => appointments.get(id));
  // Kept here, not in the view: a change replaces the appointment, and with it the view below.
  const [notice, setNotice] = createSignal<string | null>(null);
  // The hospital's cut-off from GET /api/settings; a 409 too_late that names another one wins.
  const [learnedCutoff, setCutoffHours] = createSignal<number | null>(null);
  const cutoffHours = () => learnedCutoff() ?? settings.booking().changeCutoffHours;
  return (
    <Page title={latestOrNothing(appointment) ? `Appointment with ${latestOrNothing(appointment)!.doctorName}` : 'Appointment'} back={{ href: '/appointments', label: 'My appointments' }}>
      <Notice message={notice()} />
      <Async resource={appointment} refetch={refetch} loadingLabel="Loading the appointment…">
        {(a) => (
          <AppointmentView
            appointment={a}
            justBooked={search.booked === '1' && notice() === null}
            cutoffHours={cutoffHours()}
            onCutoffHours={setCutoffHours}
            onNotice={setNotice}
            onChanged={(next) => mutate({ ...next, treatment: null })}
          />
        )}
      </Async>
    </Page>
  );
}

function AppointmentView(props: {
  appointment: PatientAppointmentDetail;
  justBooked: boolean;
  cutoffHours: number;
  onCutoffHours: (hours: number) => void;
  onNotice: (message: string) => void;
  onChanged: (a: Omit<PatientAppointmentDetail, 'treatment'>) => void;
}) {
  const a = () => props.appointment;
  const cutoffHours = () => props.cutoffHours;
  // The cut-off moves with the clock: look again every minute while the page is open.
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 60_000);
  onCleanup(() => clearInterval(timer));
  const state = () => changeState(a(), now(), cutoffHours());

  /** A 409 too_late names the real cut-off: keep the page's words true to it. */
  function learnFrom(err: unknown) {
    if (err instanceof ApiError && err.code === 'too_late') {
      const hours = cutoffHoursFromMessage(err.message);
      if (hours !== null) props.onCutoffHours(hours);
      setNow(new Date());
    }
  }

  return (
    <>
      <Show when={props.justBooked && a().status === 'booked'}>
        <div class="notice-booked" role="status">
          <p class="notice-booked__title">Your appointment is booked</p>
          <p>
            {a().doctorName}, {formatDateTime(a().start)}. We have emailed you a confirmation.
          </p>
        </div>
      </Show>
      <Section title="Details" actions={<StatusBadge status={a().status} />}>
        <Details
          items={[
            { label: 'Doctor', value: <A href={`/doctors/${encodeURIComponent(a().doctorId)}`}>{a().doctorName}</A> },
            { label: 'Department', value: a().departmentName },
            { label: 'Date and time', value: `${formatDateTime(a().start)} (${formatTimeRange(a().start, a().end)})` },
            { label: 'Status', value: <StatusBadge status={a().status} /> },
            { label: 'Reason for the visit', value: a().reason },
            ...(a().status === 'cancelled' ? [{ label: 'Why it was cancelled', value: a().cancelReason }] : []),
          ]}
        />
        <Show when={a().status !== 'completed'}>
          <p class="explain spaced-top">
            <a href={appointments.calendarHref(a().id)} download={`appointment-${a().id}.ics`}>
              Add to calendar
            </a>
            <span class="muted"> (an .ics file for your calendar app)</span>
          </p>
        </Show>
      </Section>

      <Show when={a().treatment}>
        {(t) => (
          <Section title="Treatment">
            <Details
              items={[
                { label: 'Diagnosis', value: t().diagnosis },
                { label: 'Prescription', value: t().prescription },
                { label: 'Notes', value: t().notes },
                { label: 'Next visit', value: t().nextVisit },
              ]}
            />
          </Section>
        )}
      </Show>

      <Show when={a().status === 'booked' && state() !== 'final'}>
        <Changes appointment={a()} state={state()} cutoffHours={cutoffHours()} learnFrom={learnFrom} onNotice={props.onNotice} onChanged={props.onChanged} />
      </Show>
    </>
  );
}

function Changes(props: {
  appointment: PatientAppointmentDetail;
  state: 'changeable' | 'too_late' | 'final';
  cutoffHours: number;
  learnFrom: (err: unknown) => void;
  onNotice: (message: string) => void;
  onChanged: (a: Omit<PatientAppointmentDetail, 'treatment'>) => void;
}) {
  const a = () => props.appointment;
  const [picking, setPicking] = createSignal(false);
  const [selected, setSelected] = createSignal<SlotDto | null>(null);
  const [version, setVersion] = createSignal(0);
  const [confirmMove, setConfirmMove] = createSignal(false);
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [reasonError, setReasonError] = createSignal<string | undefined>();
  const locked = () => props.state !== 'changeable';
  const deadline = () => formatDateTime(new Date(Date.parse(a().start) - props.cutoffHours * 3_600_000).toISOString());

  async function move() {
    const slot = selected();
    if (!slot) return;
    try {
      const moved = await appointments.reschedule(a().id, slot.start);
      props.onChanged(moved);
      setPicking(false);
      setSelected(null);
      props.onNotice(`Your appointment has been moved to ${formatDateTime(moved.start)}. We have emailed you the new time.`);
    } catch (err) {
      props.learnFrom(err);
      if (err instanceof ApiError && (err.code === 'slot_taken' || err.code === 'not_bookable')) {
        setSelected(null);
        setVersion((v) => v + 1);
        throw new ApiError(err.status, err.code, `${err.message} The free times have been refreshed: choose another.`);
      }
      throw err;
    }
  }

  async function cancel() {
    const text = reason().trim() === '' ? null : reason();
    if (text !== null) {
      const checked = validate(Reason, text);
      if (!checked.ok) {
        const why = `Reason ${Object.values(checked.fields)[0] ?? 'is not valid'}.`;
        setReasonError(why);
        throw new ApiError(400, 'invalid_input', why);
      }
    }
    setReasonError(undefined);
    try {
      const cancelled = await appointments.cancel(a().id, text);
      props.onChanged(cancelled);
      props.onNotice('Your appointment is cancelled. We have emailed you a confirmation.');
    } catch (err) {
      props.learnFrom(err);
      if (err instanceof ApiError && err.status === 400 && err.fields.reason) setReasonError(`Reason ${err.fields.reason}.`);
      throw err;
    }
  }

  return (
    <Section title="Change or cancel">
      <Switch>
        <Match when={props.state === 'changeable'}>
          <p class="explain" id="change-rule">
            You can move or cancel this appointment online until {hoursWord(props.cutoffHours)} before it starts, that is until {deadline()}. After that, please call the hospital.
          </p>
        </Match>
        <Match when={props.state === 'too_late'}>
          <p class="explain" id="change-rule">
            This appointment starts in less than {hoursWord(props.cutoffHours)}, so it can no longer be moved or cancelled online. Please call the hospital.
          </p>
        </Match>
      </Switch>
      <div class="row">
        <button type="button" class="button button--secondary" disabled={locked()} aria-describedby="change-rule" aria-expanded={picking()} onClick={() => setPicking(!picking())}>
          Reschedule
        </button>
        <button
          type="button"
          class="button button--danger"
          disabled={locked()}
          aria-describedby="change-rule"
          onClick={() => {
            setReasonError(undefined);
            setConfirmCancel(true);
          }}
        >
          Cancel appointment
        </button>
      </div>

      <Show when={picking() && !locked()}>
        <div class="stack spaced-top">
          <h3>Choose a new time with {a().doctorName}</h3>
          <SlotPicker doctorId={a().doctorId} selected={selected()} onSelect={setSelected} version={version()} exclude={a().start} label="Days for the new time" />
          <Show when={selected()}>
            {(slot) => (
              <div class="choice" aria-live="polite">
                <p>
                  <span class="muted">New time: </span>
                  <strong>{formatDateTime(slot().start)}</strong>
                </p>
                <button type="button" class="button button--primary" onClick={() => setConfirmMove(true)}>
                  Move to this time
                </button>
              </div>
            )}
          </Show>
        </div>
      </Show>

      <ConfirmDialog
        open={confirmMove()}
        onOpenChange={setConfirmMove}
        title="Move your appointment?"
        description={
          <>
            From {formatDateTime(a().start)} to {selected() ? formatDateTime(selected()!.start) : ''}, with {a().doctorName}.
          </>
        }
        confirmLabel="Move appointment"
        busyLabel="Moving…"
        cancelLabel="Keep the current time"
        onConfirm={move}
      />
      <ConfirmDialog
        open={confirmCancel()}
        onOpenChange={setConfirmCancel}
        title="Cancel this appointment?"
        description={
          <>
            {a().doctorName}, {formatDateTime(a().start)}. Cancelling is final: the time is offered to others at once.
          </>
        }
        confirmLabel="Cancel appointment"
        busyLabel="Cancelling…"
        cancelLabel="Keep it"
        danger
        onConfirm={cancel}
      >
        <TextAreaField id="cancel-reason" label="Reason" optional hint="Up to 500 characters." value={reason()} onValue={setReason} error={reasonError()} maxLength={500} />
      </ConfirmDialog>
    </Section>
  );
}
