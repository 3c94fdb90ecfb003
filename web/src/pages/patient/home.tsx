/** `/`: the patient's start page: their next visits, a doctor search, and the departments to browse. */
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For } from 'solid-js';
import { TextField } from '../../components/field';
import { Async, Empty, Page, Section } from '../../components/ui';
import type { User } from '../../lib/api';
import { appointments, catalog } from '../../lib/patient-api';
import { AppointmentLine } from './appointment-line';
import './patient.css';

const NEXT_FEW = 3;

export default function Home(props: { user: User }) {
  const navigate = useNavigate();
  const [upcoming, { refetch: refetchUpcoming }] = createResource(() => appointments.list({ when: 'upcoming', status: 'booked', page: 1, pageSize: NEXT_FEW }));
  const [departments, { refetch: refetchDepartments }] = createResource(() => catalog.departments());
  const [q, setQ] = createSignal('');

  function search(event: SubmitEvent) {
    event.preventDefault();
    const text = q().trim();
    navigate(text ? `/doctors?q=${encodeURIComponent(text)}` : '/doctors');
  }

  return (
    <Page title={`Welcome, ${props.user.name}`} lead="Book a visit, see your appointments and your treatment history.">
      <Section title="Your upcoming visits" actions={<A href="/appointments">All my appointments</A>}>
        <Async
          resource={upcoming}
          refetch={refetchUpcoming}
          loadingLabel="Loading your visits…"
          isEmpty={(page) => page.items.length === 0}
          empty={
            <Empty title="No upcoming visits">
              <A href="/doctors">Find a doctor</A> to book one.
            </Empty>
          }
        >
          {(page) => (
            <ul class="list">
              <For each={page.items}>{(item) => <AppointmentLine appointment={item} />}</For>
            </ul>
          )}
        </Async>
      </Section>

      <Section title="Find a doctor">
        <form class="search-form" role="search" aria-label="Find a doctor" onSubmit={search}>
          <TextField id="home-q" label="Name or specialization" hint="For example “cardiology” or a doctor’s name." value={q()} onValue={setQ} autocomplete="off" />
          <button type="submit" class="button button--primary">
            Search
          </button>
        </form>
      </Section>

      <Section title="Departments">
        <Async resource={departments} refetch={refetchDepartments} loadingLabel="Loading departments…" isEmpty={(page) => page.items.length === 0} empty={<Empty title="No departments yet" />}>
          {(page) => (
            <ul class="grid plain-list">
              <For each={page.items}>
                {(department) => (
                  <li class="tile">
                    <A class="card-link__title" href={`/doctors?departmentId=${encodeURIComponent(department.id)}`}>
                      {department.name}
                    </A>
                    <span class="tile__label">
                      {department.doctorCount} {department.doctorCount === 1 ? 'doctor' : 'doctors'}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Async>
      </Section>
    </Page>
  );
}
