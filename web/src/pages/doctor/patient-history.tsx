/**
 * /doctor/patients/:id: a patient's treatments from every doctor, most recent first (the API answers only
 * for this doctor's own patients; anyone else is "not found").
 */
import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { Async, Details, Empty, Page, Pagination } from '../../components/ui';
import type { User } from '../../lib/api';
import { doctorApi } from '../../lib/doctor-api';
import { formatDate } from '../../lib/format';
import './doctor.css';
import { latestOrNothing } from '../../lib/resource';

const PAGE_SIZE = 20;

export default function PatientHistory(_props: { user: User }) {
  const params = useParams<{ id: string }>();
  const [page, setPage] = createSignal(1);
  const [history, { refetch }] = createResource(() => ({ id: params.id, page: page() }), ({ id, page: p }) => doctorApi.history(id, p, PAGE_SIZE));

  return (
    <Page
      title={latestOrNothing(history) ? `${latestOrNothing(history)!.patient.name}: history` : 'Patient history'}
      lead="Every doctor's treatments of this patient, most recent visit first."
      back={{ href: '/doctor/patients', label: 'All patients' }}
    >
      <Async
        resource={history}
        refetch={refetch}
        loadingLabel="Loading the history…"
        isEmpty={(value) => value.items.length === 0}
        empty={<Empty title="No treatments recorded yet" />}
      >
        {(value) => (
          <>
            <ol class="list" aria-label="Treatments">
              <For each={value.items}>
                {(item) => (
                  <li class="list__item doctor-history__item">
                    <h2 class="doctor-day__title">
                      {formatDate(item.date)} <span class="muted">· {item.doctorName}, {item.departmentName}</span>
                    </h2>
                    <Details
                      items={[
                        { label: 'Diagnosis', value: item.diagnosis },
                        { label: 'Prescription', value: item.prescription },
                        { label: 'Notes', value: item.notes },
                        { label: 'Next visit', value: item.nextVisit ? formatDate(item.nextVisit) : null },
                      ]}
                    />
                  </li>
                )}
              </For>
            </ol>
            <Show when={value.total > PAGE_SIZE}>
              <Pagination page={page()} pageSize={PAGE_SIZE} total={value.total} onPage={setPage} label="History pages" />
            </Show>
          </>
        )}
      </Async>
    </Page>
  );
}
