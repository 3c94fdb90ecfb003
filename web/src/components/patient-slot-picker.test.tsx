// @vitest-environment happy-dom
/**
 * The slot picker in a DOM, in a hospital zone half an hour off UTC at a pinned time: it asks for today to
 * today + 6 in that zone, lists every day with its free count, opens on the first day with a free time,
 * puts a late-UTC slot on the next calendar day, and its time buttons choose one at a time (aria-pressed),
 * pressing the chosen one again to clear it.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { SlotDto } from '../../../shared/schemas/booking';
import { settings } from '../lib/config';
import { SlotPicker } from './patient-slot-picker';

const SLOTS: SlotDto[] = [
  { start: '2026-12-02T03:30:00.000Z', end: '2026-12-02T04:00:00.000Z' }, // Wed 2 Dec 09:00 in Kolkata
  { start: '2026-12-02T04:00:00.000Z', end: '2026-12-02T04:30:00.000Z' }, // 09:30
  { start: '2026-12-02T20:00:00.000Z', end: '2026-12-02T20:30:00.000Z' }, // Thu 3 Dec 01:30
];

let asked: string[] = [];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T06:00:00Z'));
  asked = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const body = url === '/api/settings' ? { hospitalName: 'H', timeZone: 'Asia/Kolkata', sessionIdleMinutes: 30 } : { items: SLOTS };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  await settings.load();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function renderPicker() {
  const [selected, setSelected] = createSignal<SlotDto | null>(null);
  render(() => <SlotPicker doctorId="d1" selected={selected()} onSelect={setSelected} label="Days" />);
  return selected;
}

test('asks for the week in the hospital zone, lists every day, opens on the first with free times', async () => {
  renderPicker();
  const tabs = await screen.findAllByRole('tab');
  expect(asked).toContain('/api/doctors/d1/slots?from=2026-12-01&to=2026-12-07');
  expect(tabs.map((t) => t.textContent)).toEqual(['Tue 1 Decnone free', 'Wed 2 Dec2 free', 'Thu 3 Dec1 free', 'Fri 4 Decnone free', 'Sat 5 Decnone free', 'Sun 6 Decnone free', 'Mon 7 Decnone free']);
  expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
  expect(screen.getByText("Times are the hospital's local time (Asia/Kolkata).")).toBeTruthy();
  const group = screen.getByRole('group', { name: 'Free times on Wed, 2 Dec 2026' });
  expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['09:00', '09:30']);
});

test('one time is chosen at a time; pressing the chosen one again clears it', async () => {
  const selected = renderPicker();
  const nine = await screen.findByRole('button', { name: '09:00' });
  const half = screen.getByRole('button', { name: '09:30' });
  expect(nine.getAttribute('aria-pressed')).toBe('false');

  fireEvent.click(nine);
  await waitFor(() => expect(nine.getAttribute('aria-pressed')).toBe('true'));
  expect(selected()?.start).toBe(SLOTS[0]!.start);

  fireEvent.click(half);
  await waitFor(() => expect(half.getAttribute('aria-pressed')).toBe('true'));
  expect(nine.getAttribute('aria-pressed')).toBe('false');
  expect(selected()?.start).toBe(SLOTS[1]!.start);

  fireEvent.click(half);
  await waitFor(() => expect(half.getAttribute('aria-pressed')).toBe('false'));
  expect(selected()).toBeNull();
});
