/**
 * `/appointments?when=upcoming|past|cancelled&page=`: the patient's appointments as three tabs. Upcoming holds
 * only the visits still booked (soonest first): a cancelled visit next week is not one to plan for, so it is
 * under Cancelled (those still ahead first) and nowhere else until its time has passed, when Past shows it too.
 */
import { Tabs } from '@ark-ui/solid/tabs';
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { Async, Empty, Page, Pagination } from '../../components/ui';
import { zoneNote } from '../../lib/format';
import { appointments, PATIENT_PAGE_SIZE } from '../../lib/patient-api';
import { AppointmentLine } from './appointment-line';
import './patient.css';

type Tab = 'upcoming' | 'past' | 'cancelled';
type Filter = Omit<Parameters<typeof appointments.list>[0], 'page' | 'pageSize'>;
/** Each tab: its label, what it asks the API for, and what its empty state says. */
const TABS: Array<{ value: Tab; label: string; filter: Filter; empty: string }> = [
  { value: 'upcoming', label: 'Upcoming', filter: { when: 'upcoming', status: 'booked' }, empty: 'No upcoming appointments' },
  { value: 'past', label: 'Past', filter: { when: 'past' }, empty: 'No past appointments' },
  { value: 'cancelled', label: 'Cancelled', filter: { status: 'cancelled' }, empty: 'No cancelled appointments' },
];
const isTab = (value: string): value is Tab => TABS.some((t) => t.value === value);
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default function MyAppointments() {
  const [params, setParams] = useSearchParams();
  const tab = (): Tab => {
    const asked = one(params.when);
    return isTab(asked) ? asked : 'upcoming';
  };
  const page = () => Math.max(1, Number(one(params.page)) || 1);

  return (
    <Page title="My appointments" lead={zoneNote()} actions={<A class="button button--primary" href="/doctors">Book a visit</A>}>
      <Tabs.Root lazyMount value={tab()} onValueChange={(details) => setParams({ when: details.value === 'upcoming' ? undefined : details.value, page: undefined })}>
        <Tabs.List class="slot-picker__days" aria-label="Which appointments">
          <For each={TABS}>
            {(t) => (
              <Tabs.Trigger value={t.value} class="slot-picker__day">
                {t.label}
              </Tabs.Trigger>
            )}
          </For>
        </Tabs.List>
        <For each={TABS}>
          {(t) => (
            <Tabs.Content value={t.value}>
              <AppointmentList tab={t.value} filter={t.filter} empty={t.empty} page={tab() === t.value ? page() : 1} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} />
            </Tabs.Content>
          )}
        </For>
      </Tabs.Root>
    </Page>
  );
}

function AppointmentList(props: { tab: Tab; filter: Filter; empty: string; page: number; onPage: (page: number) => void }) {
  const [list, { refetch }] = createResource(
    () => ({ tab: props.tab, page: props.page }),
    (source) => appointments.list({ ...props.filter, page: source.page }),
  );
  return (
    <Async
      resource={list}
      refetch={refetch}
      loadingLabel="Loading your appointments…"
      isEmpty={(result) => result.items.length === 0}
      empty={
        <Empty title={props.empty}>
          {props.tab === 'upcoming' ? <A href="/doctors">Find a doctor to book a visit.</A> : props.tab === 'past' ? 'Visits you have had show here.' : 'Appointments you or the hospital cancelled show here.'}
        </Empty>
      }
    >
      {(result) => (
        <>
          <ul class="list">
            <For each={result.items}>{(item) => <AppointmentLine appointment={item} />}</For>
          </ul>
          <Pagination page={props.page} pageSize={PATIENT_PAGE_SIZE} total={result.total} onPage={props.onPage} label={`Pages of ${props.tab} appointments`} />
        </>
      )}
    </Async>
  );
}
