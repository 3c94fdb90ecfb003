/** /admin/patients: find a patient by name, email, phone or id (any letter case); the search is in the URL. */
import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For } from 'solid-js';
import { ADMIN_PAGE_SIZE, EmptyList, FilterButtons, useUrlFilters } from '../../components/admin-list';
import { SelectField, TextField } from '../../components/field';
import { Async, Page, Pagination, Section, StatusBadge, TableWrap } from '../../components/ui';
import { adminApi } from '../../lib/admin-api';
import { listQuery } from '../../lib/admin-filters';
import type { User } from '../../lib/api';
import './admin.css';

const KEYS = ['q', 'status'] as const;
const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'blacklisted', label: 'Blocked' },
];

export default function Patients(_props: { user: User }) {
  const list = useUrlFilters(KEYS);
  const [patients, { refetch }] = createResource(
    () => listQuery(list.filters(), list.page(), ADMIN_PAGE_SIZE),
    (params) => adminApi.patients(params),
  );
  const [q, setQ] = createSignal('');
  const [status, setStatus] = createSignal('');
  createEffect(() => {
    setQ(list.filters().q);
    setStatus(list.filters().status);
  });

  return (
    <Page title="Patients" lead="Each patient you list is recorded in their access log, as any read of their record is.">
      <form
        class="filters"
        role="search"
        aria-label="Find patients"
        onSubmit={(e) => {
          e.preventDefault();
          list.apply({ q: q(), status: status() });
        }}
      >
        <TextField id="patient-q" label="Name, email, phone or id" value={q()} onValue={setQ} />
        <SelectField id="patient-status-filter" label="Status" options={STATUS_OPTIONS} value={status()} onValue={setStatus} />
        <FilterButtons filtered={list.filtered()} onClear={list.clear} applyLabel="Search" />
      </form>

      <Async
        resource={patients}
        refetch={refetch}
        loadingLabel="Loading patients…"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyList filtered={list.filtered()} what="patients" onClear={list.clear} />}
      >
        {(page) => (
          <Section title={`${page.total} ${page.total === 1 ? 'patient' : 'patients'}`} id="patients-list">
            <TableWrap label="Patients">
              <table class="table">
                <caption class="visually-hidden">Patients, by name</caption>
                <thead>
                  <tr>
                    <th scope="col">Patient</th>
                    <th scope="col">Phone</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={page.items}>
                    {(patient) => (
                      <tr>
                        <th scope="row">
                          <A class="admin-list-name" href={`/admin/patients/${encodeURIComponent(patient.id)}`}>
                            {patient.name}
                          </A>
                          <span class="admin-sub">{patient.email}</span>
                        </th>
                        <td>{patient.phone ?? <span class="muted">None</span>}</td>
                        <td>
                          <StatusBadge status={patient.status} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={list.page()} pageSize={ADMIN_PAGE_SIZE} total={page.total} onPage={list.setPage} label="Pages of patients" />
          </Section>
        )}
      </Async>
    </Page>
  );
}
