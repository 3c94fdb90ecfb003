/**
 * /admin/appointments: every appointment, newest first, filtered by status, dates, doctor and patient; the
 * filters and the page are in the URL. Dates are the hospital's calendar days (native date inputs, labelled).
 */
import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal } from 'solid-js';
import { AdminAppointmentsTable } from '../../components/admin-appointments-table';
import { ADMIN_PAGE_SIZE, EmptyList, FilterButtons, useUrlFilters } from '../../components/admin-list';
import { SelectField, TextField } from '../../components/field';
import { Async, Page, Pagination, Section } from '../../components/ui';
import { adminApi } from '../../lib/admin-api';
import { dateRangeProblems, listQuery, type Filters } from '../../lib/admin-filters';
import type { User } from '../../lib/api';
import { sentence } from '../../lib/form';
import { zoneNote } from '../../lib/format';
import './admin.css';

const KEYS = ['status', 'from', 'to', 'doctorId', 'patientId'] as const;
const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'booked', label: 'Booked' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

export default function Appointments(_props: { user: User }) {
  const list = useUrlFilters(KEYS);
  const [appointments, { refetch }] = createResource(
    () => listQuery(list.filters(), list.page(), ADMIN_PAGE_SIZE),
    (params) => adminApi.appointments(params),
  );
  const [doctors] = createResource(() => adminApi.doctors({ pageSize: 200 }));
  const [form, setForm] = createSignal<Filters<(typeof KEYS)[number]>>(list.filters());
  const [problems, setProblems] = createSignal<Partial<Record<'from' | 'to', string>>>({});
  createEffect(() => setForm(list.filters()));
  const set = (key: (typeof KEYS)[number]) => (value: string) => setForm((prev) => ({ ...prev, [key]: value }));

  return (
    <Page title="Appointments" lead={`Every appointment in the hospital, newest first. ${zoneNote()}`}>
      <form
        class="filters"
        aria-label="Filter appointments"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = dateRangeProblems(form().from, form().to);
          setProblems(found);
          if (Object.keys(found).length > 0) {
            e.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
            return;
          }
          list.apply(form());
        }}
      >
        <SelectField id="appointments-status" label="Status" options={STATUS_OPTIONS} value={form().status} onValue={set('status')} />
        <TextField id="appointments-from" type="date" label="From" value={form().from} onValue={set('from')} error={problems().from && sentence('From', problems().from!)} />
        <TextField id="appointments-to" type="date" label="To" value={form().to} onValue={set('to')} error={problems().to && sentence('To', problems().to!)} />
        <SelectField
          id="appointments-doctor"
          label="Doctor"
          options={[{ value: '', label: 'All doctors' }, ...(doctors()?.items ?? []).map((d) => ({ value: d.id, label: d.name }))]}
          value={form().doctorId}
          onValue={set('doctorId')}
        />
        <TextField id="appointments-patient" label="Patient id" hint="On the patient's page" value={form().patientId} onValue={set('patientId')} spellcheck={false} />
        <FilterButtons filtered={list.filtered()} onClear={list.clear} />
      </form>
      <p class="muted">
        To find a patient by name, use <A href="/admin/patients">Patients</A>.
      </p>

      <Async
        resource={appointments}
        refetch={refetch}
        loadingLabel="Loading appointments…"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyList filtered={list.filtered()} what="appointments" onClear={list.clear} />}
      >
        {(page) => (
          <Section title={`${page.total} ${page.total === 1 ? 'appointment' : 'appointments'}`} id="appointments-list">
            <AdminAppointmentsTable items={page.items} label="Appointments" />
            <Pagination page={list.page()} pageSize={ADMIN_PAGE_SIZE} total={page.total} onPage={list.setPage} label="Pages of appointments" />
          </Section>
        )}
      </Async>
    </Page>
  );
}
