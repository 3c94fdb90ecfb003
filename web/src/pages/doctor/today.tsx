/**
 * /doctor: the doctor's day and the rest of the week (GET /api/doctor/dashboard), times in the hospital's
 * zone with the zone named, each appointment linking to its page.
 */
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { AppointmentList } from '../../components/doctor-appointments';
import { Async, Empty, Page, Section } from '../../components/ui';
import type { User } from '../../lib/api';
import { doctorApi } from '../../lib/doctor-api';
import { groupByDay } from '../../lib/doctor-schedule';
import { formatDate, hospitalZone, todayInZone, zoneNote } from '../../lib/format';
import './doctor.css';
import { latestOrNothing } from '../../lib/resource';

export default function Today(props: { user: User }) {
  const [dashboard, { refetch }] = createResource(() => doctorApi.dashboard());
  const today = () => todayInZone(hospitalZone());
  const laterDays = () => groupByDay(latestOrNothing(dashboard)?.week ?? [], hospitalZone()).filter((day) => day.date !== today());

  return (
    <Page
      title="Today"
      lead={
        <>
          {props.user.name}, {formatDate(today(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}. {zoneNote()}
        </>
      }
      actions={
        <A class="button button--secondary" href="/doctor/availability">
          Change your hours
        </A>
      }
    >
      <Async resource={dashboard} refetch={refetch} loadingLabel="Loading your day…">
        {(data) => (
          <>
            <div class="grid" role="list" aria-label="At a glance">
              <div class="tile" role="listitem">
                <span class="tile__value">{data.today.filter((a) => a.status === 'booked').length}</span>
                <span class="tile__label">Booked today</span>
              </div>
              <div class="tile" role="listitem">
                <span class="tile__value">{data.week.filter((a) => a.status === 'booked').length}</span>
                <span class="tile__label">Booked in the next 7 days</span>
              </div>
              <div class="tile" role="listitem">
                <span class="tile__value">{data.patientCount}</span>
                <span class="tile__label">
                  <A href="/doctor/patients">Your patients</A>
                </span>
              </div>
            </div>

            <Section title="Today's appointments" id="today-appointments">
              <Show when={data.today.length > 0} fallback={<Empty title="No appointments today" />}>
                <AppointmentList items={data.today} label="Today's appointments" />
              </Show>
            </Section>

            <Section title="Later this week" id="week-appointments" actions={<A href="/doctor/appointments">All appointments</A>}>
              <Show when={laterDays().length > 0} fallback={<Empty title="No more appointments this week" />}>
                <For each={laterDays()}>
                  {(day) => (
                    <div class="doctor-day">
                      <h3 class="doctor-day__title">{formatDate(day.date, { weekday: 'long', day: 'numeric', month: 'long' })}</h3>
                      <AppointmentList items={day.items} label={`Appointments on ${formatDate(day.date)}`} />
                    </div>
                  )}
                </For>
              </Show>
            </Section>
          </>
        )}
      </Async>
    </Page>
  );
}
