/**
 * /admin/audit: whether the audit trail's hash chain holds (first, as the page's verdict), then the records,
 * newest first, filtered by actor, patient, action and dates (kept in the URL).
 */
import { createEffect, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { ADMIN_PAGE_SIZE, EmptyList, FilterButtons, useUrlFilters } from '../../components/admin-list';
import { TextField } from '../../components/field';
import { Async, ErrorState, Loading, Page, Pagination, Section, TableWrap } from '../../components/ui';
import { adminApi, type AuditVerifyResult } from '../../lib/admin-api';
import { dateRangeProblems, listQuery, type Filters } from '../../lib/admin-filters';
import type { User } from '../../lib/api';
import { sentence } from '../../lib/form';
import { formatDateTime, statusLabel, zoneNote } from '../../lib/format';
import './admin.css';

const KEYS = ['actorId', 'patientId', 'action', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];

export default function Audit(_props: { user: User }) {
  const list = useUrlFilters(KEYS);
  const [records, { refetch }] = createResource(
    () => listQuery(list.filters(), list.page(), ADMIN_PAGE_SIZE),
    (params) => adminApi.audit(params),
  );
  const [verdict, verify] = createResource(adminApi.verifyAudit);
  const [form, setForm] = createSignal<Filters<Key>>(list.filters());
  const [problems, setProblems] = createSignal<Partial<Record<Key, string>>>({});
  createEffect(() => setForm(list.filters()));
  const set = (key: Key) => (value: string) => setForm((prev) => ({ ...prev, [key]: value }));
  const errorFor = (key: Key, label: string) => {
    const message = problems()[key];
    return message ? sentence(label, message) : undefined;
  };

  return (
    <Page title="Audit trail" lead={`Who did what, and who read whose record. ${zoneNote()}`}>
      <Section title="Is the trail intact?" actions={
        <button type="button" class="button button--secondary" onClick={() => void verify.refetch()} aria-disabled={verdict.loading ? 'true' : undefined}>
          Check again
        </button>
      }>
        <Switch>
          <Match when={verdict.error}>
            <ErrorState error={verdict.error} retry={() => void verify.refetch()} action="checking the audit trail" />
          </Match>
          <Match when={verdict.loading}>
            <Loading label="Checking every record of the trail…" />
          </Match>
          <Match when={verdict()}>{(result) => <Verdict result={result()} />}</Match>
        </Switch>
      </Section>

      <form
        class="filters"
        aria-label="Filter the audit trail"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          const found: Partial<Record<Key, string>> = { ...dateRangeProblems(form().from, form().to) };
          if (form().action.trim() && !/^[a-z_]{1,40}$/.test(form().action.trim())) found.action = 'must be lower-case letters and _, like user_blacklist';
          setProblems(found);
          if (Object.keys(found).length > 0) {
            e.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
            return;
          }
          list.apply(form());
        }}
      >
        <TextField id="audit-actor" label="Actor id" value={form().actorId} onValue={set('actorId')} spellcheck={false} />
        <TextField id="audit-patient" label="Patient id" value={form().patientId} onValue={set('patientId')} spellcheck={false} />
        <TextField id="audit-action" label="Action" hint="For example user_blacklist" value={form().action} onValue={set('action')} spellcheck={false} error={errorFor('action', 'Action')} />
        <TextField id="audit-from" type="date" label="From" value={form().from} onValue={set('from')} error={errorFor('from', 'From')} />
        <TextField id="audit-to" type="date" label="To" value={form().to} onValue={set('to')} error={errorFor('to', 'To')} />
        <FilterButtons filtered={list.filtered()} onClear={list.clear} />
      </form>

      <Async
        resource={records}
        refetch={refetch}
        loadingLabel="Loading the audit trail…"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyList filtered={list.filtered()} what="records" onClear={list.clear} />}
      >
        {(page) => (
          <Section title={`${page.total} ${page.total === 1 ? 'record' : 'records'}`} id="audit-records">
            <TableWrap label="Audit records">
              <table class="table admin-wide-table admin-audit-table">
                <caption class="visually-hidden">Audit records, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">On</th>
                    <th scope="col">Patient</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">IP address</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={page.items}>
                    {(r) => (
                      <tr>
                        <th scope="row" class="admin-when">
                          {formatDateTime(r.at)}
                          <Show when={r.seq !== null}>
                            <span class="admin-sub">No. {r.seq}</span>
                          </Show>
                        </th>
                        <td>
                          {r.actorName ?? (r.actorId ? <span class="admin-code">{r.actorId}</span> : <span class="muted">Nobody signed in</span>)}
                          <Show when={r.actorRole}>
                            <span class="admin-sub">{statusLabel(r.actorRole!)}</span>
                          </Show>
                        </td>
                        <td class="admin-code admin-nowrap">{r.action}</td>
                        <td>
                          {r.entity}
                          <Show when={r.entityId}>
                            <span class="admin-sub admin-code">{r.entityId}</span>
                          </Show>
                        </td>
                        <td>{r.patientId ? <span class="admin-code">{r.patientId}</span> : <span class="muted">None</span>}</td>
                        <td>
                          <Show when={r.outcome !== 'ok'} fallback={<span>OK</span>}>
                            <span class="badge badge--failed">{statusLabel(r.outcome)}</span>
                          </Show>
                        </td>
                        <td class="admin-code">{r.ip ?? '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={list.page()} pageSize={ADMIN_PAGE_SIZE} total={page.total} onPage={list.setPage} label="Pages of the audit trail" />
          </Section>
        )}
      </Async>
    </Page>
  );
}

function Verdict(props: { result: AuditVerifyResult }) {
  return (
    <div class="admin-verdict" classList={{ 'admin-verdict--ok': props.result.ok, 'admin-verdict--broken': !props.result.ok }} role="status">
      <span class="admin-verdict__mark" aria-hidden="true">
        {props.result.ok ? '✓' : '✗'}
      </span>
      <div>
        <Show
          when={props.result.ok}
          fallback={
            <>
              <p class="admin-verdict__title">The audit trail is broken.</p>
              <p>
                <Show when={props.result.firstBrokenId} fallback={`Records are missing after record number ${props.result.firstBrokenSeq ?? props.result.checked}.`}>
                  The first broken record is <span class="admin-code">{props.result.firstBrokenId}</span>
                  {props.result.firstBrokenSeq !== undefined ? ` (number ${props.result.firstBrokenSeq})` : ''}.
                </Show>{' '}
                {props.result.checked} {props.result.checked === 1 ? 'record was' : 'records were'} checked before it. Records may have been changed or removed: keep the database as it is and investigate.
              </p>
            </>
          }
        >
          <p class="admin-verdict__title">
            The audit trail is intact: {props.result.checked} {props.result.checked === 1 ? 'record' : 'records'} checked.
          </p>
          <p>Every record is where the hash chain says it should be, unchanged.</p>
        </Show>
      </div>
    </div>
  );
}
