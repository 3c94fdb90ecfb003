/** /admin/doctors: every doctor (blacklisted and removed ones too) with a search and filters kept in the URL. */
import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For } from 'solid-js';
import { EmptyList, FilterButtons, ADMIN_PAGE_SIZE, useUrlFilters } from '../../components/admin-list';
import { SelectField, TextField } from '../../components/field';
import { Async, Page, Pagination, Section, StatusBadge, TableWrap } from '../../components/ui';
import { adminApi } from '../../lib/admin-api';
import { listQuery } from '../../lib/admin-filters';
import type { User } from '../../lib/api';
import './admin.css';

const KEYS = ['q', 'departmentId', 'status'] as const;
const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'blacklisted', label: 'Blocked' },
  { value: 'removed', label: 'Removed' },
];

export default function Doctors(_props: { user: User }) {
  const list = useUrlFilters(KEYS);
  const [doctors, { refetch }] = createResource(
    () => listQuery(list.filters(), list.page(), ADMIN_PAGE_SIZE),
    (params) => adminApi.doctors(params),
  );
  const [departments] = createResource(() => adminApi.departments({ pageSize: 200 }));

  const [q, setQ] = createSignal('');
  const [departmentId, setDepartmentId] = createSignal('');
  const [status, setStatus] = createSignal('');
  // The form shows what the URL says (after back and forward too).
  createEffect(() => {
    const f = list.filters();
    setQ(f.q);
    setDepartmentId(f.departmentId);
    setStatus(f.status);
  });

  return (
    <Page
      title="Doctors"
      lead="Every doctor, including blocked and removed ones. Open a doctor to change their profile, block or remove them."
      actions={
        <A class="button button--primary" href="/admin/doctors/new">
          Add a doctor
        </A>
      }
    >
      <form
        class="filters"
        role="search"
        aria-label="Find doctors"
        onSubmit={(e) => {
          e.preventDefault();
          list.apply({ q: q(), departmentId: departmentId(), status: status() });
        }}
      >
        <TextField id="doctor-q" type="text" label="Name, email or specialization" value={q()} onValue={setQ} />
        <SelectField
          id="doctor-department-filter"
          label="Department"
          options={[{ value: '', label: 'All departments' }, ...(departments()?.items ?? []).map((d) => ({ value: d.id, label: d.name }))]}
          value={departmentId()}
          onValue={setDepartmentId}
        />
        <SelectField id="doctor-status-filter" label="Status" options={STATUS_OPTIONS} value={status()} onValue={setStatus} />
        <FilterButtons filtered={list.filtered()} onClear={list.clear} applyLabel="Search" />
      </form>

      <Async
        resource={doctors}
        refetch={refetch}
        loadingLabel="Loading doctors…"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyList filtered={list.filtered()} what="doctors" onClear={list.clear} />}
      >
        {(page) => (
          <Section title={`${page.total} ${page.total === 1 ? 'doctor' : 'doctors'}`} id="doctors-list">
            <TableWrap label="Doctors">
              <table class="table admin-wide-table">
                <caption class="visually-hidden">Doctors, by name</caption>
                <thead>
                  <tr>
                    <th scope="col">Doctor</th>
                    <th scope="col">Department</th>
                    <th scope="col">Specialization</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={page.items}>
                    {(doctor) => (
                      <tr>
                        <th scope="row">
                          <A class="admin-list-name" href={`/admin/doctors/${encodeURIComponent(doctor.id)}`}>
                            {doctor.name}
                          </A>
                          <span class="admin-sub">{doctor.email}</span>
                        </th>
                        <td>{doctor.departmentName}</td>
                        <td>{doctor.specialization}</td>
                        <td>
                          <StatusBadge status={doctor.status} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={list.page()} pageSize={ADMIN_PAGE_SIZE} total={page.total} onPage={list.setPage} label="Pages of doctors" />
          </Section>
        )}
      </Async>
    </Page>
  );
}
