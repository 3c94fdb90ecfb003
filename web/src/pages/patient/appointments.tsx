/** `/appointments?when=upcoming|past&page=`: the patient's appointments, upcoming (soonest first) and past, as two tabs. */
import { Tabs } from '@ark-ui/solid/tabs';
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { Async, Empty, Page, Pagination } from '../../components/ui';
import { zoneNote } from '../../lib/format';
import { appointments, PATIENT_PAGE_SIZE } from '../../lib/patient-api';
import { AppointmentLine } from './appointment-line';
import './patient.css';

type When = 'upcoming' | 'past';
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default function MyAppointments() {
  const [params, setParams] = useSearchParams();
  const when = (): When => (one(params.when) === 'past' ? 'past' : 'upcoming');
  const page = () => Math.max(1, Number(one(params.page)) || 1);

  return (
    <Page title="My appointments" lead={zoneNote()} actions={<A class="button button--primary" href="/doctors">Book a visit</A>}>
      <Tabs.Root lazyMount value={when()} onValueChange={(details) => setParams({ when: details.value === 'past' ? 'past' : undefined, page: undefined })}>
        <Tabs.List class="slot-picker__days" aria-label="Which appointments">
          <Tabs.Trigger value="upcoming" class="slot-picker__day">
            Upcoming
          </Tabs.Trigger>
          <Tabs.Trigger value="past" class="slot-picker__day">
            Past
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="upcoming">
          <AppointmentList when="upcoming" page={when() === 'upcoming' ? page() : 1} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} />
        </Tabs.Content>
        <Tabs.Content value="past">
          <AppointmentList when="past" page={when() === 'past' ? page() : 1} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} />
        </Tabs.Content>
      </Tabs.Root>
    </Page>
  );
}

function AppointmentList(props: { when: When; page: number; onPage: (page: number) => void }) {
  const [list, { refetch }] = createResource(
    () => ({ when: props.when, page: props.page }),
    (source) => appointments.list(source.when, { page: source.page }),
  );
  return (
    <Async
      resource={list}
      refetch={refetch}
      loadingLabel="Loading your appointments…"
      isEmpty={(result) => result.items.length === 0}
      empty={
        <Empty title={props.when === 'upcoming' ? 'No upcoming appointments' : 'No past appointments'}>
          {props.when === 'upcoming' ? <A href="/doctors">Find a doctor to book a visit.</A> : 'Visits you have had, and cancelled ones, show here.'}
        </Empty>
      }
    >
      {(result) => (
        <>
          <ul class="list">
            <For each={result.items}>{(item) => <AppointmentLine appointment={item} />}</For>
          </ul>
          <Pagination page={props.page} pageSize={PATIENT_PAGE_SIZE} total={result.total} onPage={props.onPage} label={props.when === 'upcoming' ? 'Pages of upcoming appointments' : 'Pages of past appointments'} />
        </>
      )}
    </Async>
  );
}
