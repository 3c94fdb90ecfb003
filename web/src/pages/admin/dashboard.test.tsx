// @vitest-environment happy-dom
/**
 * The dashboard: tiles for the totals, each chart an image with a summary and its numbers in a table, the
 * charts coloured from the CSS variables and drawn again in the other colours when the scheme changes.
 * chart.js is replaced by a recorder (happy-dom has no canvas to draw on).
 */
import { cleanup, render, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const drawn = vi.hoisted(() => [] as Array<{ type: string; data: { datasets: Array<{ label: string; data: number[]; backgroundColor: unknown }> } }>);
vi.mock('chart.js', () => {
  class Chart {
    static defaults = { color: '', borderColor: '', font: { family: 'sans-serif' } };
    static register() {}
    constructor(_canvas: unknown, config: (typeof drawn)[number]) {
      drawn.push(config);
    }
    destroy() {}
  }
  const piece = class {};
  return { Chart, ArcElement: piece, BarController: piece, BarElement: piece, CategoryScale: piece, DoughnutController: piece, Legend: piece, LinearScale: piece, Tooltip: piece };
});

const { default: Dashboard } = await import('./dashboard');

const admin = { id: 'a1', role: 'admin' as const, name: 'Ada Admin', email: 'admin@hospital.local' };
const dashboard = {
  doctors: 20,
  patients: 200,
  appointments: { total: 12, booked: 3, completed: 8, cancelled: 1, today: 2 },
  series: {
    perDay: [
      { date: '2026-12-01', booked: 1, completed: 5, cancelled: 1 },
      { date: '2026-12-02', booked: 2, completed: 3, cancelled: 0 },
    ],
    byDepartment: [
      { departmentId: 'x', name: 'Neurology', appointments: 4 },
      { departmentId: 'y', name: 'Cardiology', appointments: 8 },
    ],
  },
};

function answer(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('the dashboard', () => {
  // The page listens once for the whole app (module state), so the listeners outlive a test.
  const schemeListeners: Array<() => void> = [];

  beforeEach(() => {
    drawn.length = 0;
    vi.stubGlobal('fetch', vi.fn(async () => answer(dashboard)));
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: false,
      media: query,
      addEventListener: (_: string, listener: () => void) => schemeListeners.push(listener),
      removeEventListener: () => undefined,
    }));
    document.documentElement.style.setProperty('--info', '#0f5b8a');
    document.documentElement.style.setProperty('--success', '#1e6b3a');
    document.documentElement.style.setProperty('--error', '#b3261e');
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  test('totals as tiles; each chart an image with a summary, and a table with the same numbers', async () => {
    render(() => <Dashboard user={admin} />);
    await screen.findByRole('heading', { level: 2, name: 'Totals' });
    const tile = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect([tile('Doctors'), tile('Patients'), tile('Appointments in all'), tile('Booked'), tile('Completed'), tile('Cancelled'), tile('Today')]).toEqual(['20', '200', '12', '3', '8', '1', '2']);

    expect(screen.getAllByRole('img').map((img) => img.getAttribute('aria-label'))).toEqual([
      'Bar chart of appointments per day by status, Tue, 1 Dec 2026 to Wed, 2 Dec 2026: 12 appointments in all, the busiest day Tue, 1 Dec 2026 with 7. The numbers are in the table below.',
      'Doughnut chart of appointments by status: 3 booked (25%), 8 completed (67%), 1 cancelled (8%). The numbers are in the table below.',
      'Bar chart of appointments by department, 2 departments: the busiest is Cardiology with 8 appointments. The numbers are in the table below.',
    ]);

    const perDay = screen.getByRole('table', { name: 'Appointments per day by status' });
    const rows = within(perDay).getAllByRole('row').map((row) => Array.from(row.children, (cell) => cell.textContent));
    expect(rows).toEqual([
      ['Date', 'Booked', 'Completed', 'Cancelled', 'All'],
      ['Tue, 1 Dec 2026', '1', '5', '1', '7'],
      ['Wed, 2 Dec 2026', '2', '3', '0', '5'],
    ]);
    const departments = within(screen.getByRole('table', { name: 'Appointments by department' })).getAllByRole('row').slice(1);
    expect(departments.map((row) => row.textContent)).toEqual(['Cardiology8', 'Neurology4']);

    await waitFor(() => expect(drawn).toHaveLength(3));
    expect(drawn.map((c) => c.type)).toEqual(['bar', 'doughnut', 'bar']);
    expect(drawn[0]!.data.datasets.map((d) => [d.label, d.data, d.backgroundColor])).toEqual([
      ['Booked', [1, 2], '#0f5b8a'],
      ['Completed', [5, 3], '#1e6b3a'],
      ['Cancelled', [1, 0], '#b3261e'],
    ]);
  });

  test('the charts are drawn again in the other scheme\'s colours', async () => {
    render(() => <Dashboard user={admin} />);
    await waitFor(() => expect(drawn).toHaveLength(3));
    document.documentElement.style.setProperty('--info', '#8cc8f0');
    for (const listener of schemeListeners) listener();
    await waitFor(() => expect(drawn).toHaveLength(6));
    expect(drawn[3]!.data.datasets[0]!.backgroundColor).toBe('#8cc8f0');
  });

  test('a failure to load is shown with a way to try again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer({ error: { code: 'unavailable', message: 'Wardline is busy. Try again in a minute.' } }, 503)));
    render(() => <Dashboard user={admin} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wardline is busy. Try again in a minute.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
