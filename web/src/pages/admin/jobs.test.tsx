// @vitest-environment happy-dom
/** Background jobs: counts per queue, failures with a Retry whose answer is announced, and Redis down (503) as an error. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import Jobs from './jobs';

const admin = { id: 'a1', role: 'admin' as const, name: 'Ada Admin', email: 'admin@hospital.local' };
const failure = { id: 'out-1', name: 'appointment-mail', reason: 'SMTP refused: 550 mailbox unavailable', attempts: 5, failedAt: '2026-12-01T09:30:00.000Z' };

function answer(body: unknown, status = 200) {
  return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('the background jobs page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  test('a retry is sent for that job, announced, and the list asked again', async () => {
    let failures = [failure];
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/admin/jobs/out-1/retry' && init?.method === 'POST') {
        failures = [];
        return answer({ id: 'out-1', state: 'waiting' }, 202);
      }
      return answer({ queues: [{ name: 'wardline', waiting: 1, active: 0, delayed: 2, failed: failures.length, completed: 40 }], failures });
    });
    vi.stubGlobal('fetch', fetchMock);
    render(() => <Jobs user={admin} />);

    const queues = await screen.findByRole('table', { name: 'Jobs in each queue by state' });
    expect(within(queues).getAllByRole('row').map((row) => Array.from(row.children, (c) => c.textContent))).toEqual([
      ['Queue', 'Waiting', 'Active', 'Delayed', 'Failed', 'Completed'],
      ['wardline', '1', '0', '2', '1', '40'],
    ]);
    expect(screen.getByText(failure.reason)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry job out-1' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('The appointment-mail job out-1 is back in the queue'));
    expect(fetchMock).toHaveBeenCalledWith('/api/admin/jobs/out-1/retry', expect.objectContaining({ method: 'POST' }));
    await screen.findByText('No failed jobs');
  });

  test('a refused retry says why', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) =>
      url.endsWith('/retry')
        ? answer({ error: { code: 'state', message: 'Only a failed job can be retried; this one is waiting, running or done.' } }, 409)
        : answer({ queues: [], failures: [failure] }),
    ));
    render(() => <Jobs user={admin} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry job out-1' }));
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toContain('Only a failed job can be retried'));
  });

  test('Redis down (503) is the page\'s error, with a way to try again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer({ error: { code: 'unavailable', message: 'The job queue is not available right now. Please try again in a moment.' } }, 503)));
    render(() => <Jobs user={admin} />);
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toContain('The job queue is not available right now'));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
