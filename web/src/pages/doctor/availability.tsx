/**
 * /doctor/availability: the doctor's hours. The next 7 days (each follows the weekly template or is set
 * for that date; a set date can go back to the template) and the weekly template itself. Booked
 * appointments are shown on their day; a change that would leave one outside the hours is refused by the
 * API (409 naming them), and the page says which, by time and patient, and how to go on.
 */
import { A } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Index, on, Show } from 'solid-js';
import { appointmentHref } from '../../components/doctor-appointments';
import { TextField } from '../../components/field';
import { WindowEditor } from '../../components/doctor-window-editor';
import { FormAlert, Notice } from '../../components/field';
import { Async, Page, Section } from '../../components/ui';
import { ApiError, type User } from '../../lib/api';
import { doctorApi, type AvailabilityDay, type DoctorAppointmentDto, type Weekly } from '../../lib/doctor-api';
import { blockingAppointmentIds, blockingSentence, describeBlocking, groupByDay, type Blocking } from '../../lib/doctor-schedule';
import { cleanWindows, hasErrors, serverWindowErrors, windowErrors, type WindowDraft, type WindowErrors } from '../../lib/doctor-windows';
import { addDays, formatDate, formatTime, hospitalZone, todayInZone, zoneNote } from '../../lib/format';
import { SLOT_MINUTES_MAX, SLOT_MINUTES_MIN } from '../../../../shared/schemas/availability';
import { PAGE_SIZE_MAX } from '../../../../shared/schemas/lists';
import './doctor.css';
import { latestOrNothing } from '../../lib/resource';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** What a save answered, for the editor that made it. */
interface SaveOutcome {
  errors: WindowErrors[];
  problem: string | null;
  blocking: Blocking[];
}

function sameWindows(a: readonly WindowDraft[], b: readonly WindowDraft[]): boolean {
  return a.length === b.length && a.every((w, i) => w.start === b[i]?.start && w.end === b[i]?.end);
}

/** The booked appointments of the booking window, to show on each day and to name a 409's ids. */
async function bookedInWindow(): Promise<DoctorAppointmentDto[]> {
  const today = todayInZone(hospitalZone());
  const list = await doctorApi.appointments({ status: 'booked', from: today, to: addDays(today, 6), pageSize: PAGE_SIZE_MAX });
  return list.items;
}

/** The explanation of a refused change, with links to the appointments so they can be cancelled. */
function BlockingList(props: { blocking: Blocking[]; appointments: readonly DoctorAppointmentDto[]; onKeep: () => void }) {
  const byId = () => new Map(props.appointments.map((a) => [a.id, a]));
  return (
    <Show when={props.blocking.length > 0}>
      <div class="doctor-blocking" role="alert">
        <p class="doctor-blocking__title">{blockingSentence(props.blocking.length)}</p>
        <ul>
          <For each={props.blocking}>
            {(b) => (
              <li>
                <Show when={byId().get(b.id)} fallback={b.text}>
                  {(a) => <A href={appointmentHref(a())}>{b.text}</A>}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="button button--secondary button--small" onClick={() => props.onKeep()}>
          Keep those hours
        </button>
      </div>
    </Show>
  );
}

/**
 * Turns a failed save into what the editor shows: field errors on their windows, a refusal by the
 * appointments it names, or the API's message.
 */
async function outcomeOf(err: unknown, prefix: string, appointments: () => readonly DoctorAppointmentDto[], reload: () => Promise<readonly DoctorAppointmentDto[]>): Promise<SaveOutcome> {
  if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
    const { windows, other } = serverWindowErrors(err.fields, prefix);
    const errors: WindowErrors[] = [];
    for (const [i, e] of windows) errors[i] = e;
    return { errors, problem: other.length > 0 || windows.size === 0 ? err.message : null, blocking: [] };
  }
  let ids = blockingAppointmentIds(err, appointments());
  if (ids !== null) {
    // An appointment booked since the page loaded is not known yet: look again before naming them.
    if (ids.length === 0 || ids.some((id) => !appointments().some((a) => a.id === id))) ids = blockingAppointmentIds(err, await reload());
    if (ids && ids.length > 0) return { errors: [], problem: null, blocking: describeBlocking(ids, appointments(), hospitalZone()) };
  }
  return { errors: [], problem: err instanceof ApiError ? err.message : 'Something went wrong while saving your hours. Please try again.', blocking: [] };
}

function DayEditor(props: {
  day: AvailabilityDay;
  booked: readonly DoctorAppointmentDto[];
  appointments: () => readonly DoctorAppointmentDto[];
  reloadAppointments: () => Promise<readonly DoctorAppointmentDto[]>;
  onSaved: (day: AvailabilityDay) => void;
}) {
  const saved = () => props.day.windows.map((w) => ({ ...w }));
  const [windows, setWindows] = createSignal<WindowDraft[]>(saved());
  const [errors, setErrors] = createSignal<WindowErrors[]>([]);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [blocking, setBlocking] = createSignal<Blocking[]>([]);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const title = () => formatDate(props.day.date, { weekday: 'long', day: 'numeric', month: 'long' });
  const isToday = () => props.day.date === todayInZone(hospitalZone());
  const changed = () => !sameWindows(windows(), saved());
  const id = () => `day-${props.day.date}`;
  // A saved answer (or the weekly hours changing) brings new windows for this date.
  createEffect(on(() => props.day, () => setWindows(saved()), { defer: true }));

  const reset = () => {
    setWindows(saved());
    setErrors([]);
    setProblem(null);
    setBlocking([]);
  };

  function edit(next: WindowDraft[]) {
    setWindows(next);
    setNotice(null);
    // Once errors show, they follow the typing.
    if (hasErrors(errors())) setErrors(windowErrors(next));
  }

  async function run(action: () => Promise<AvailabilityDay | undefined>, done: string) {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    setBlocking([]);
    setNotice(null);
    try {
      const day = await action();
      if (day) props.onSaved(day);
      setNotice(done);
    } catch (err) {
      const outcome = await outcomeOf(err, 'days.0', props.appointments, props.reloadAppointments);
      setErrors(outcome.errors);
      setProblem(outcome.problem);
      setBlocking(outcome.blocking);
    } finally {
      setBusy(false);
    }
  }

  function save(event: SubmitEvent) {
    event.preventDefault();
    const checked = windowErrors(windows());
    if (hasErrors(checked)) {
      setErrors(checked);
      const form = event.currentTarget as HTMLFormElement;
      queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors([]);
    const clean = cleanWindows(windows());
    void run(async () => {
      const answer = await doctorApi.setDates({ days: [{ date: props.day.date, windows: clean }] });
      return answer.days.find((d) => d.date === props.day.date);
    }, clean.length === 0 ? `${title()} is now a day off.` : `Your hours for ${title()} are saved.`);
  }

  return (
    <form class="doctor-editor" aria-labelledby={`${id()}-title`} novalidate onSubmit={save}>
      <div class="doctor-editor__head">
        <h3 class="doctor-editor__title" id={`${id()}-title`}>
          {title()}
          <Show when={isToday()}> (today)</Show>
        </h3>
        <span class="doctor-source" classList={{ 'doctor-source--date': props.day.source === 'date' }}>
          {props.day.source === 'date' ? 'Set for this date' : 'Weekly hours'}
        </span>
      </div>
      <WindowEditor idPrefix={id()} dayLabel={title()} windows={windows()} errors={errors()} onChange={edit} emptyText="Day off: no hours." />
      <div class="doctor-booked">
        <Show when={props.booked.length > 0} fallback={<p class="muted">No booked appointments.</p>}>
          <p>Booked:</p>
          <ul aria-label={`Booked appointments on ${title()}`}>
            <For each={props.booked}>
              {(a) => (
                <li>
                  <A href={appointmentHref(a)}>
                    {formatTime(a.start)} {a.patientName}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <FormAlert message={problem()} />
      <BlockingList blocking={blocking()} appointments={props.appointments()} onKeep={reset} />
      <Notice message={notice()} />
      <div class="doctor-editor__actions">
        <button type="submit" class="button button--primary button--small" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? 'Saving…' : 'Save'}
          <span class="visually-hidden"> hours for {title()}</span>
        </button>
        <Show when={windows().length > 0}>
          <button type="button" class="button button--secondary button--small" onClick={() => edit([])}>
            Day off<span class="visually-hidden"> on {title()}</span>
          </button>
        </Show>
        <Show when={changed()}>
          <button type="button" class="button button--secondary button--small" onClick={reset}>
            Undo changes<span class="visually-hidden"> to {title()}</span>
          </button>
        </Show>
        <Show when={props.day.source === 'date'}>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() =>
              void run(async () => {
                const answer = await doctorApi.resetDate(props.day.date);
                return answer.days.find((d) => d.date === props.day.date);
              }, `${title()} follows your weekly hours again.`)
            }
          >
            Use weekly hours<span class="visually-hidden"> on {title()}</span>
          </button>
        </Show>
      </div>
    </form>
  );
}

function WeeklyEditor(props: {
  weekly: Weekly;
  appointments: () => readonly DoctorAppointmentDto[];
  reloadAppointments: () => Promise<readonly DoctorAppointmentDto[]>;
  onSaved: (answer: Weekly) => Promise<void>;
}) {
  const savedDays = () => WEEKDAYS.map((_, i) => (props.weekly.weekly.find((d) => d.weekday === i + 1)?.windows ?? []).map((w) => ({ ...w })));
  const [days, setDays] = createSignal<WindowDraft[][]>(savedDays());
  const [errors, setErrors] = createSignal<WindowErrors[][]>([]);
  const [slotMinutes, setSlotMinutes] = createSignal(String(props.weekly.slotMinutes));
  const [slotError, setSlotError] = createSignal<string | undefined>();
  const [problem, setProblem] = createSignal<string | null>(null);
  const [blocking, setBlocking] = createSignal<Blocking[]>([]);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const reset = () => {
    setDays(savedDays());
    setSlotMinutes(String(props.weekly.slotMinutes));
    setErrors([]);
    setSlotError(undefined);
    setProblem(null);
    setBlocking([]);
  };

  function edit(index: number, next: WindowDraft[]) {
    const all = days().map((d, i) => (i === index ? next : d));
    setDays(all);
    setNotice(null);
    if (errors().some(hasErrors)) setErrors(all.map(windowErrors));
  }

  function slotProblem(): string | undefined {
    const n = Number(slotMinutes());
    if (!/^\d+$/.test(slotMinutes().trim()) || n < SLOT_MINUTES_MIN || n > SLOT_MINUTES_MAX) {
      return `Appointment length must be a whole number of minutes from ${SLOT_MINUTES_MIN} to ${SLOT_MINUTES_MAX}.`;
    }
    return undefined;
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const checked = days().map(windowErrors);
    const slot = slotProblem();
    setSlotError(slot);
    if (checked.some(hasErrors) || slot) {
      setErrors(checked);
      queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (busy()) return;
    setErrors([]);
    setBusy(true);
    setProblem(null);
    setBlocking([]);
    setNotice(null);
    try {
      const answer = await doctorApi.setWeekly({ slotMinutes: Number(slotMinutes()), weekly: days().map((windows, i) => ({ weekday: i + 1, windows: cleanWindows(windows) })) });
      setNotice('Your weekly hours are saved. Dates you set yourself keep their own hours.');
      await props.onSaved(answer);
      setDays(savedDays());
    } catch (err) {
      const perDay: WindowErrors[][] = [];
      const other: string[] = [];
      let blocked: Blocking[] = [];
      if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
        WEEKDAYS.forEach((_, i) => {
          const { windows } = serverWindowErrors(err.fields, `weekly.${i}`);
          perDay[i] = [];
          for (const [w, e] of windows) perDay[i]![w] = e;
        });
        if (err.fields.slotMinutes) setSlotError(`Appointment length ${err.fields.slotMinutes}.`);
        if (Object.keys(err.fields).some((f) => !/^weekly\.\d+\.windows\.\d+/.test(f) && f !== 'slotMinutes')) other.push(err.message);
        setErrors(perDay);
      } else {
        const outcome = await outcomeOf(err, 'weekly', props.appointments, props.reloadAppointments);
        blocked = outcome.blocking;
        if (outcome.problem) other.push(outcome.problem);
      }
      setBlocking(blocked);
      setProblem(other[0] ?? null);
      queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" aria-label="Weekly hours" novalidate onSubmit={(e) => void save(e)}>
      <div class="doctor-slot-length">
      <TextField
        id="slot-minutes"
        label="Appointment length (minutes)"
        hint={`Your hours are cut into appointments of this length (${SLOT_MINUTES_MIN} to ${SLOT_MINUTES_MAX}).`}
        inputmode="numeric"
        value={slotMinutes()}
        onValue={(v) => {
          setSlotMinutes(v);
          if (slotError()) setSlotError(slotProblem());
        }}
        error={slotError()}
      />
      </div>
      <For each={WEEKDAYS}>
        {(name, i) => (
          <div class="doctor-editor" role="group" aria-labelledby={`weekday-${i() + 1}-title`}>
            <div class="doctor-editor__head">
              <h3 class="doctor-editor__title" id={`weekday-${i() + 1}-title`}>
                {name}s
              </h3>
            </div>
            <WindowEditor
              idPrefix={`weekday-${i() + 1}`}
              dayLabel={`${name}s`}
              windows={days()[i()] ?? []}
              errors={errors()[i()] ?? []}
              onChange={(next) => edit(i(), next)}
              emptyText={`No hours on ${name}s.`}
            />
          </div>
        )}
      </For>
      <FormAlert message={problem()} />
      <BlockingList blocking={blocking()} appointments={props.appointments()} onKeep={reset} />
      <Notice message={notice()} />
      <div class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? 'Saving…' : 'Save weekly hours'}
        </button>
        <button type="button" class="button button--secondary" onClick={reset}>
          Undo changes<span class="visually-hidden"> to weekly hours</span>
        </button>
      </div>
    </form>
  );
}

export default function Availability(_props: { user: User }) {
  const [availability, { refetch: refetchDays }] = createResource(() => doctorApi.availability());
  const [weekly, { refetch: refetchWeekly }] = createResource(() => doctorApi.weekly());
  const [booked, { refetch: refetchBooked }] = createResource(bookedInWindow);
  // The editors work on these copies, not on the resources: changing a resource would build its editors
  // anew, dropping the focus and the "saved" message of the one just used.
  const [days, setDays] = createSignal<AvailabilityDay[]>([]);
  const [template, setTemplate] = createSignal<Weekly | null>(null);
  createEffect(() => {
    const value = latestOrNothing(availability);
    if (value) setDays(value.days);
  });
  createEffect(() => {
    const value = latestOrNothing(weekly);
    if (value) setTemplate(value);
  });
  const bookedByDay = createMemo(() => new Map(groupByDay(latestOrNothing(booked) ?? [], hospitalZone()).map((d) => [d.date, d.items])));
  const appointments = () => latestOrNothing(booked) ?? [];
  const reloadAppointments = async () => (await refetchBooked()) ?? [];
  const replaceDay = (day: AvailabilityDay) => setDays((current) => current.map((d) => (d.date === day.date ? day : d)));

  return (
    <Page title="Availability" lead={`Your hours: patients book the free times inside them. ${zoneNote()}`}>
      <Section title="The next 7 days" id="next-days">
        <p class="muted">
          Change a date here to set it on its own; the weekly hours below fill every other date. Booked appointments keep their time: hours that hold one cannot be
          removed until it is cancelled.
        </p>
        <Async resource={availability} refetch={refetchDays} loadingLabel="Loading your hours…">
          {() => (
            <Show when={!booked.loading || latestOrNothing(booked)} fallback={<p class="muted">Loading your booked appointments…</p>}>
              <Index each={days()}>
                {(day) => (
                  <DayEditor
                    day={day()}
                    booked={bookedByDay().get(day().date) ?? []}
                    appointments={appointments}
                    reloadAppointments={reloadAppointments}
                    onSaved={replaceDay}
                  />
                )}
              </Index>
            </Show>
          )}
        </Async>
      </Section>
      <Section title="Weekly hours" id="weekly-hours">
        <Async resource={weekly} refetch={refetchWeekly} loadingLabel="Loading your weekly hours…">
          {() => (
            <Show when={template()}>
              {(value) => (
                <WeeklyEditor
                  weekly={value()}
                  appointments={appointments}
                  reloadAppointments={reloadAppointments}
                  onSaved={async (answer) => {
                    setTemplate(answer);
                    // Dates that follow the template now have its hours.
                    setDays((await doctorApi.availability()).days);
                  }}
                />
              )}
            </Show>
          )}
        </Async>
      </Section>
    </Page>
  );
}
