/** `/history`: the patient's treatments, one per completed visit, most recent first. */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { Async, Empty, Page, Pagination, TableWrap } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { PATIENT_PAGE_SIZE, record } from '../../lib/patient-api';
import './patient.css';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const orNone = (text: string | null) => text ?? '—';

export default function History() {
  const [params, setParams] = useSearchParams();
  const page = () => Math.max(1, Number(one(params.page)) || 1);
  const [history, { refetch }] = createResource(page, (p) => record.history({ page: p }));
  return (
    <Page title="Treatment history" lead="What each doctor found and prescribed at your visits." actions={<A href="/access-log">Who looked at my record</A>}>
      <Async resource={history} refetch={refetch} loadingLabel="Loading your history…" isEmpty={(r) => r.items.length === 0} empty={<Empty title="No treatments yet">After a visit, what the doctor records shows here.</Empty>}>
        {(result) => (
          <>
            <TableWrap label="Table of treatments">
              <table class="table">
                <caption>Your treatments, most recent first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Doctor</th>
                    <th scope="col">Department</th>
                    <th scope="col">Diagnosis</th>
                    <th scope="col">Prescription</th>
                    <th scope="col">Notes</th>
                    <th scope="col">Next visit</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={result.items}>
                    {(entry) => (
                      <tr>
                        <th scope="row">
                          <A href={`/appointments/${encodeURIComponent(entry.appointmentId)}`}>{formatDate(entry.date)}</A>
                        </th>
                        <td>{entry.doctorName}</td>
                        <td>{entry.departmentName}</td>
                        <td class="wrap-anywhere">{entry.diagnosis}</td>
                        <td class="wrap-anywhere">{orNone(entry.prescription)}</td>
                        <td class="wrap-anywhere">{orNone(entry.notes)}</td>
                        <td>{entry.nextVisit ? formatDate(entry.nextVisit) : '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={page()} pageSize={PATIENT_PAGE_SIZE} total={result.total} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} label="Pages of history" />
          </>
        )}
      </Async>
    </Page>
  );
}
