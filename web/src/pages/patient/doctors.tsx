/** `/doctors?q=&departmentId=&page=`: find a doctor by name or specialization, within a department. The filters live in the URL. */
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { SelectField, TextField } from '../../components/field';
import { Async, Empty, Page, Pagination, Section } from '../../components/ui';
import { catalog, PATIENT_PAGE_SIZE } from '../../lib/patient-api';
import './patient.css';
import { latestOrNothing } from '../../lib/resource';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default function FindDoctor() {
  const [params, setParams] = useSearchParams();
  const q = () => one(params.q);
  const departmentId = () => one(params.departmentId);
  const page = () => Math.max(1, Number(one(params.page)) || 1);

  const [text, setText] = createSignal(q());
  const [department, setDepartment] = createSignal(departmentId());
  // Back and forward change the URL: the form follows it.
  createEffect(() => {
    setText(q());
    setDepartment(departmentId());
  });

  const [departments] = createResource(() => catalog.departments());
  const [doctors, { refetch }] = createResource(
    () => ({ q: q(), departmentId: departmentId(), page: page() }),
    (filter) => catalog.doctors({ q: filter.q || undefined, departmentId: filter.departmentId || undefined, page: filter.page, pageSize: PATIENT_PAGE_SIZE }),
  );
  const departmentOptions = () => [{ value: '', label: 'All departments' }, ...(latestOrNothing(departments)?.items ?? []).map((d) => ({ value: d.id, label: d.name }))];

  function search(event: SubmitEvent) {
    event.preventDefault();
    setParams({ q: text().trim() || undefined, departmentId: department() || undefined, page: undefined });
  }

  return (
    <Page title="Find a doctor" lead="Search by name or specialization, or choose a department.">
      <form class="filters" role="search" aria-label="Doctors" onSubmit={search}>
        <TextField id="doctor-q" label="Name or specialization" value={text()} onValue={setText} autocomplete="off" />
        <SelectField id="doctor-department" label="Department" options={departmentOptions()} value={department()} onValue={setDepartment} />
        <button type="submit" class="button button--primary">
          Search
        </button>
      </form>

      <Section title="Doctors">
        <Async
          resource={doctors}
          refetch={refetch}
          loadingLabel="Looking for doctors…"
          isEmpty={(result) => result.items.length === 0}
          empty={
            <Empty title="No doctors match">
              Try fewer letters, or <A href="/doctors">see all doctors</A>.
            </Empty>
          }
        >
          {(result) => (
            <>
              <p class="muted" aria-live="polite">
                {result.total} {result.total === 1 ? 'doctor' : 'doctors'} found
              </p>
              <ul class="grid plain-list">
                <For each={result.items}>
                  {(doctor) => (
                    <li class="tile">
                      <div class="card-link">
                        <h3 class="card-link__title">
                          <A href={`/doctors/${encodeURIComponent(doctor.id)}`}>{doctor.name}</A>
                        </h3>
                        <p class="doctor-card__meta">{doctor.departmentName}</p>
                        <p>{doctor.specialization}</p>
                        <Show when={doctor.experienceYears !== null}>
                          <p class="doctor-card__meta">
                            {doctor.experienceYears} {doctor.experienceYears === 1 ? 'year' : 'years'} of experience
                          </p>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
              <Pagination page={page()} pageSize={PATIENT_PAGE_SIZE} total={result.total} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} label="Pages of doctors" />
            </>
          )}
        </Async>
      </Section>
    </Page>
  );
}
