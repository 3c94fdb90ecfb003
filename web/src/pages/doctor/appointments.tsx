/**
 * /doctor/appointments: every appointment of the doctor, soonest first, filtered by status and dates.
 * The filters and the page live in the URL, so a filtered list can be bookmarked, shared and gone back to.
 * Dates are typed or picked from Ark UI's DatePicker (components/doctor-date-field.tsx).
 */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { SelectField } from '../../components/field';
import { DateField } from '../../components/doctor-date-field';
import { appointmentHref } from '../../components/doctor-appointments';
import { Async, Empty, Page, Pagination, StatusBadge, TableWrap } from '../../components/ui';
import type { User } from '../../lib/api';
import { doctorApi } from '../../lib/doctor-api';
import { formatDate, dateInZone, formatTimeRange, hospitalZone, zoneNote } from '../../lib/format';
import { isRealDate } from '../../../../shared/schemas/dates';
import './doctor.css';

const PAGE_SIZE = 25;
const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'booked', label: 'Booked' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

export default function Appointments(_props: { user: User }) {
  const [params, setParams] = useSearchParams();
  const status = () => (['booked', 'completed', 'cancelled'].includes(one(params.status)) ? one(params.status) : '');
  const from = () => (isRealDate(one(params.from)) ? one(params.from) : '');
  const to = () => (isRealDate(one(params.to)) ? one(params.to) : '');
  const page = () => Math.max(1, Number.parseInt(one(params.page), 10) || 1);
  const rangeProblem = () => (from() && to() && to() < from() ? `The "to" date must not be before the "from" date (${formatDate(from())}).` : undefined);

  const [list, { refetch }] = createResource(
    () => (rangeProblem() ? null : { status: status(), from: from(), to: to(), page: page() }),
    (filters) => doctorApi.appointments({ ...filters, pageSize: PAGE_SIZE }),
  );

  // A change of filter starts again at page 1.
  const setFilter = (name: 'status' | 'from' | 'to') => (value: string) => setParams({ [name]: value || undefined, page: undefined });

  return (
    <Page title="Appointments" lead={`All your appointments, soonest first. ${zoneNote()}`}>
      <form class="filters" role="search" aria-label="Filter appointments" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="filter-status" label="Status" options={STATUS_OPTIONS} value={status()} onValue={setFilter('status')} />
        <DateField id="filter-from" label="From date" value={from()} onValue={setFilter('from')} />
        <DateField id="filter-to" label="To date" value={to()} onValue={setFilter('to')} error={rangeProblem()} />
        <Show when={status() || from() || to()}>
          <button type="button" class="button button--secondary" onClick={() => setParams({ status: undefined, from: undefined, to: undefined, page: undefined })}>
            Clear filters
          </button>
        </Show>
      </form>
      <Show when={!rangeProblem()}>
        <Async
          resource={list}
          refetch={refetch}
          loadingLabel="Loading appointments…"
          isEmpty={(value) => value.items.length === 0}
          empty={
            <Empty title={status() || from() || to() ? 'No appointments match these filters' : 'No appointments yet'}>
              <p>
                Patients book the free times of <A href="/doctor/availability">your hours</A>.
              </p>
            </Empty>
          }
        >
          {(value) => (
            <>
              <TableWrap label="Appointments table">
                <table class="table">
                  <caption>
                    Appointments {value.total > PAGE_SIZE ? `(page ${page()} of ${Math.ceil(value.total / PAGE_SIZE)})` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Time</th>
                      <th scope="col">Patient</th>
                      <th scope="col">Reason</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={value.items}>
                      {(a) => (
                        <tr>
                          <td>{formatDate(dateInZone(a.start, hospitalZone()))}</td>
                          <td>{formatTimeRange(a.start, a.end)}</td>
                          <th scope="row">
                            <A href={appointmentHref(a)}>{a.patientName}</A>
                          </th>
                          <td>{a.reason ?? <span class="muted">Not given</span>}</td>
                          <td>
                            <StatusBadge status={a.status} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableWrap>
              <Pagination page={page()} pageSize={PAGE_SIZE} total={value.total} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} label="Appointment pages" />
            </>
          )}
        </Async>
      </Show>
    </Page>
  );
}
