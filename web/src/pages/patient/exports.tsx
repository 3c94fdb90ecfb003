/**
 * `/patient/exports`: ask for an export of the whole record (CSV and FHIR), and the exports made so far with
 * their live status: the list is asked again every 2 s while one is queued or running.
 */
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { FormAlert, Notice } from '../../components/field';
import { Async, Empty, Page, Pagination, Section, TableWrap } from '../../components/ui';
import { ApiError, newIdempotencyKey } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { exports, PATIENT_PAGE_SIZE } from '../../lib/patient-api';
import { EXPORT_POLL_MS, stillWorking } from '../../lib/patient-records';
import { ExportDownloads, ExportStatus } from './export-parts';
import './patient.css';
import { latestOrNothing } from '../../lib/resource';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default function Exports() {
  const [params, setParams] = useSearchParams();
  const page = () => Math.max(1, Number(one(params.page)) || 1);
  const [list, { refetch }] = createResource(page, (p) => exports.list({ page: p }));
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  createEffect(() => {
    if (!stillWorking(latestOrNothing(list)?.items ?? [])) return;
    const timer = setTimeout(() => void refetch(), EXPORT_POLL_MS);
    onCleanup(() => clearTimeout(timer));
  });

  async function ask() {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await exports.create(newIdempotencyKey());
      setNotice('Your export is being made. It usually takes under a minute; we will also email you when it is ready.');
      if (page() !== 1) setParams({ page: undefined });
      else await refetch();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setProblem(err.message);
        await refetch();
      } else setProblem(err instanceof ApiError ? err.message : 'Something went wrong while asking for the export. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  const running = () => stillWorking(latestOrNothing(list)?.items ?? []);

  return (
    <Page title="Export my record" lead="Download your whole treatment history as a spreadsheet (CSV) or in the FHIR format other health services read.">
      <Section title="Ask for an export">
        <div class="stack stack--start">
          <p>The files are kept for a limited time after they are ready. One export is made at a time.</p>
          <FormAlert message={problem()} />
          <Notice message={notice()} />
          <button type="button" class="button button--primary" aria-disabled={busy() || running() ? 'true' : undefined} aria-describedby={running() ? 'export-running' : undefined} onClick={() => void (running() ? undefined : ask())}>
            {busy() ? 'Asking…' : 'Export my record'}
          </button>
          <Show when={running()}>
            <p class="muted" id="export-running">
              An export is being made now: you can ask for another once it is done.
            </p>
          </Show>
        </div>
      </Section>
      <Section title="Your exports">
        <Async resource={list} refetch={refetch} loadingLabel="Loading your exports…" isEmpty={(r) => r.items.length === 0} empty={<Empty title="No exports yet" />}>
          {(result) => (
            <>
              <TableWrap label="Table of your exports">
                <table class="table">
                  <caption>Your exports, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Asked for</th>
                      <th scope="col">Status</th>
                      <th scope="col">Available until</th>
                      <th scope="col">Files</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={result.items}>
                      {(item) => (
                        <tr>
                          <th scope="row">
                            <A href={`/patient/exports/${encodeURIComponent(item.id)}`}>{formatDateTime(item.createdAt)}</A>
                          </th>
                          <td aria-live="polite">
                            <ExportStatus item={item} />
                          </td>
                          <td>{item.expiresAt ? formatDateTime(item.expiresAt) : '—'}</td>
                          <td>
                            <ExportDownloads item={item} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableWrap>
              <Pagination page={page()} pageSize={PATIENT_PAGE_SIZE} total={result.total} onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined })} label="Pages of exports" />
            </>
          )}
        </Async>
      </Section>
    </Page>
  );
}
