/** /doctor/patients: the doctor's patients by name, searchable by name (kept in the URL), paginated. */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For } from 'solid-js';
import { TextField } from '../../components/field';
import { Async, Empty, Page, Pagination, TableWrap } from '../../components/ui';
import type { User } from '../../lib/api';
import { doctorApi } from '../../lib/doctor-api';
import { formatDate, formatDateTime } from '../../lib/format';
import './doctor.css';

const PAGE_SIZE = 25;
const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

export default function Patients(_props: { user: User }) {
  const [params, setParams] = useSearchParams();
  const q = () => one(params.q).trim();
  const page = () => Math.max(1, Number.parseInt(one(params.page), 10) || 1);
  const [typed, setTyped] = createSignal(q());
  const [list, { refetch }] = createResource(
    () => ({ q: q(), page: page() }),
    (filters) => doctorApi.patients({ q: filters.q || undefined, page: filters.page, pageSize: PAGE_SIZE }),
  );

  return (
    <Page title="Patients" lead="Everyone who has had or has an appointment with you.">
      <form
        class="filters"
        role="search"
        aria-label="Search patients"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: typed().trim() || undefined, page: undefined });
        }}
      >
        <TextField id="patient-search" type="text" label="Name" hint="A part of the patient's name." value={typed()} onValue={setTyped} maxLength={100} />
        <button type="submit" class="button button--primary">
          Search
        </button>
      </form>
      <Async
        resource={list}
        refetch={refetch}
        loadingLabel="Loading your patients…"
        isEmpty={(value) => value.items.length === 0}
        empty={<Empty title={q() ? `No patients match "${q()}"` : 'No patients yet'} />}
      >
        {(value) => (
          <>
            <TableWrap label="Patients table">
              <table class="table">
                <caption>Your patients ({value.total})</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Last visit</th>
                    <th scope="col">Next visit</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={value.items}>
                    {(p) => (
                      <tr>
                        <th scope="row">
                          <A href={`/doctor/patients/${encodeURIComponent(p.id)}`}>{p.name}</A>
                        </th>
                        <td>{p.dateOfBirth ? formatDate(p.dateOfBirth) : <span class="muted">Not given</span>}</td>
                        <td>{p.lastVisit ? formatDateTime(p.lastVisit) : <span class="muted">None yet</span>}</td>
                        <td>{p.nextVisit ? formatDateTime(p.nextVisit) : <span class="muted">None booked</span>}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={page()} pageSize={PAGE_SIZE} total={value.total} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} label="Patient pages" />
          </>
        )}
      </Async>
    </Page>
  );
}
