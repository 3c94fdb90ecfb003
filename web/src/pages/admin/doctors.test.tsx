// @vitest-environment happy-dom
/**
 * The doctors list keeps its search, filters and page in the URL: what the URL says is what the API is asked
 * and what the form shows; a new search goes back to the first page; paging moves only the page.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import Doctors from './doctors';

const admin = { id: 'a1', role: 'admin' as const, name: 'Ada Admin', email: 'admin@hospital.local' };
const doctor = (n: number) => ({
  id: `d${n}`,
  name: `Dr Number ${n}`,
  email: `d${n}@hospital.local`,
  departmentId: 'dep1',
  departmentName: 'Cardiology',
  specialization: 'Heart',
  experienceYears: 3,
  bio: null,
  slotMinutes: 30,
  status: n === 1 ? 'blacklisted' : 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
});

function answer(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('the doctors list and its URL', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  const asked = () => fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/admin/doctors'));

  beforeEach(() => {
    fetchMock = vi.fn(async (url: string) => {
      if (url.startsWith('/api/admin/departments')) return answer({ items: [{ id: 'dep1', name: 'Cardiology', description: null, doctorCount: 2 }], total: 1 });
      if (url.startsWith('/api/admin/doctors')) return answer({ items: [doctor(1), doctor(2)], total: 60 });
      return answer({});
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  function at(url: string) {
    const history = createMemoryHistory();
    history.set({ value: url });
    render(() => (
      <MemoryRouter history={history}>
        <Route path="/admin/doctors" component={() => <Doctors user={admin} />} />
      </MemoryRouter>
    ));
    return history;
  }

  test('the URL is the query: the API is asked for it and the form shows it', async () => {
    at('/admin/doctors?q=ann&departmentId=dep1&page=2');
    await screen.findByRole('link', { name: 'Dr Number 2' });
    expect(asked()).toEqual(['/api/admin/doctors?q=ann&departmentId=dep1&page=2&pageSize=25']);
    expect((screen.getByLabelText('Name, email or specialization') as HTMLInputElement).value).toBe('ann');
    await waitFor(() => expect((screen.getByLabelText('Department') as HTMLSelectElement).value).toBe('dep1'));
    expect(screen.getByText('Blocked', { selector: '.badge' })).toBeTruthy();
    expect(screen.getByText(/Page 2 of 3/)).toBeTruthy();
  });

  test('a new search goes into the URL, back to the first page, and is asked for', async () => {
    const history = at('/admin/doctors?q=ann&page=3');
    await screen.findByRole('link', { name: 'Dr Number 1' });
    fireEvent.input(screen.getByLabelText('Name, email or specialization'), { target: { value: ' okafor ' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'blacklisted' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(history.get()).toBe('/admin/doctors?q=okafor&status=blacklisted'));
    await waitFor(() => expect(asked().at(-1)).toBe('/api/admin/doctors?q=okafor&status=blacklisted&page=1&pageSize=25'));
  });

  test('paging moves the page only; clearing the filters empties the query', async () => {
    const history = at('/admin/doctors?q=ann');
    await screen.findByRole('link', { name: 'Dr Number 1' });
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(history.get()).toBe('/admin/doctors?q=ann&page=2'));
    await waitFor(() => expect(asked().at(-1)).toBe('/api/admin/doctors?q=ann&page=2&pageSize=25'));
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(history.get()).toBe('/admin/doctors'));
    await waitFor(() => expect(asked().at(-1)).toBe('/api/admin/doctors?page=1&pageSize=25'));
  });
});
