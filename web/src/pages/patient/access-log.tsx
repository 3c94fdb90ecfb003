/** `/access-log`: who has looked at or changed the patient's record, from the audit trail, newest first. */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { Async, Empty, Page, Pagination, TableWrap } from '../../components/ui';
import { formatDateTime, zoneNote } from '../../lib/format';
import { record } from '../../lib/patient-api';
import { actionLabel, actorLabel } from '../../lib/patient-records';
import './patient.css';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default function AccessLog() {
  const [params, setParams] = useSearchParams();
  const page = () => Math.max(1, Number(one(params.page)) || 1);
  const [log, { refetch }] = createResource(page, (p) => record.accessLog({ page: p, pageSize: 25 }));
  return (
    <Page title="Who looked at my record" lead={`Every time someone opened or changed your record. ${zoneNote()}`} back={{ href: '/history', label: 'Treatment history' }}>
      <Async resource={log} refetch={refetch} loadingLabel="Loading the record of access…" isEmpty={(r) => r.items.length === 0} empty={<Empty title="No one has looked at your record yet" />}>
        {(result) => (
          <>
            <TableWrap label="Table of access to your record">
              <table class="table">
                <caption>Access to your record, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Role</th>
                    <th scope="col">What</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={result.items}>
                    {(entry) => {
                      const actor = actorLabel(entry);
                      return (
                        <tr>
                          <td>{formatDateTime(entry.at)}</td>
                          <td>{actor.name}</td>
                          <td>{actor.role}</td>
                          <td>
                            {actionLabel(entry.action)}
                            {entry.outcome !== 'ok' ? ` (refused: ${entry.outcome.replace(/_/g, ' ')})` : ''}
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={page()} pageSize={25} total={result.total} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} label="Pages of the access record" />
          </>
        )}
      </Async>
      <p>
        <A href="/profile">Back to my profile</A>
      </p>
    </Page>
  );
}
