/**
 * /admin/jobs: the background queues' counts and the jobs that ran out of attempts, each with why and a
 * Retry (the answer is announced). Redis down is the API's 503, shown as the page's error state.
 */
import { createResource, createSignal, For } from 'solid-js';
import { FormAlert, Notice } from '../../components/field';
import { Async, Empty, Page, Section, TableWrap } from '../../components/ui';
import { adminApi, type AdminJobs } from '../../lib/admin-api';
import { ApiError, type User } from '../../lib/api';
import { formatDateTime, statusLabel, zoneNote } from '../../lib/format';
import './admin.css';

const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export default function Jobs(_props: { user: User }) {
  const [jobs, { refetch }] = createResource(adminApi.jobs);
  const [retrying, setRetrying] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function retry(job: AdminJobs['failures'][number]) {
    if (retrying()) return;
    setRetrying(job.id);
    setDone(null);
    setProblem(null);
    try {
      await adminApi.retryJob(job.id);
      setDone(`The ${job.name} job ${job.id} is back in the queue and will run again.`);
      await refetch();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : `Something went wrong while retrying job ${job.id}. Please try again.`);
    } finally {
      setRetrying(null);
    }
  }

  return (
    <Page
      title="Background jobs"
      lead="Emails, reminders, reports and exports run in the background. A job that fails five times stops here so you can read why and retry it."
      actions={
        <button type="button" class="button button--secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      }
    >
      <Notice message={done()} />
      <FormAlert message={problem()} />
      <Async resource={jobs} refetch={refetch} loadingLabel="Loading the queues…">
        {(data) => (
          <>
            <Section title="Queues">
              <TableWrap label="Jobs in each queue">
                <table class="table admin-wide-table">
                  <caption class="visually-hidden">Jobs in each queue by state</caption>
                  <thead>
                    <tr>
                      <th scope="col">Queue</th>
                      <For each={COUNTS}>{(count) => <th scope="col" class="num">{statusLabel(count)}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data.queues}>
                      {(queue) => (
                        <tr>
                          <th scope="row" class="admin-code">{queue.name}</th>
                          <For each={COUNTS}>{(count) => <td class="num">{queue[count]}</td>}</For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableWrap>
            </Section>

            <Section title="Failed jobs">
              <p class="muted">{zoneNote()}</p>
              <Async resource={jobs} isEmpty={(d) => d.failures.length === 0} empty={<Empty title="No failed jobs">Every job has run, or is still trying.</Empty>}>
                {(d) => (
                  <TableWrap label="Failed jobs">
                    <table class="table admin-wide-table">
                      <caption class="visually-hidden">Failed jobs, newest first</caption>
                      <thead>
                        <tr>
                          <th scope="col">Job</th>
                          <th scope="col">Why it failed</th>
                          <th scope="col" class="num">Attempts</th>
                          <th scope="col">Failed at</th>
                          <th scope="col">Action</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d.failures}>
                          {(job) => (
                            <tr>
                              <th scope="row">
                                {job.name}
                                <span class="admin-sub admin-code">{job.id}</span>
                              </th>
                              <td class="admin-reason">{job.reason}</td>
                              <td class="num">{job.attempts}</td>
                              <td>{formatDateTime(job.failedAt)}</td>
                              <td>
                                <button
                                  type="button"
                                  class="button button--secondary button--small"
                                  aria-disabled={retrying() ? 'true' : undefined}
                                  onClick={() => void retry(job)}
                                >
                                  {retrying() === job.id ? 'Retrying…' : 'Retry'}
                                  <span class="visually-hidden"> job {job.id}</span>
                                </button>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </Async>
            </Section>
          </>
        )}
      </Async>
    </Page>
  );
}
