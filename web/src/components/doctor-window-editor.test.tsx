// @vitest-environment happy-dom
/**
 * The window editor as a doctor uses it: each window's From and To are labelled inside a group naming the
 * window and the day, Add hours continues from the last window, Remove takes one away, and errors sit on
 * the field they are about.
 */
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, test } from 'vitest';
import { windowErrors, type WindowDraft } from '../lib/doctor-windows';
import { WindowEditor } from './doctor-window-editor';

function Harness(props: { initial: WindowDraft[]; checked?: boolean }) {
  const [windows, setWindows] = createSignal(props.initial);
  return (
    <WindowEditor
      idPrefix="mon"
      dayLabel="Mondays"
      windows={windows()}
      errors={props.checked ? windowErrors(windows()) : []}
      onChange={setWindows}
      emptyText="No hours on Mondays."
    />
  );
}

afterEach(cleanup);

describe('the window editor', () => {
  test('each window is a named group with labelled From and To', () => {
    render(() => <Harness initial={[{ start: '09:00', end: '12:30' }, { start: '13:30', end: '17:00' }]} />);
    const second = screen.getByRole('group', { name: 'Hours 2 of Mondays' });
    expect((within(second).getByLabelText('From') as HTMLInputElement).value).toBe('13:30');
    expect((within(second).getByLabelText('To') as HTMLInputElement).value).toBe('17:00');
  });

  test('Add hours starts where the last window ended; Remove takes that window away', async () => {
    render(() => <Harness initial={[{ start: '09:00', end: '12:30' }]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add hours to Mondays' }));
    const added = await screen.findByRole('group', { name: 'Hours 2 of Mondays' });
    expect((within(added).getByLabelText('From') as HTMLInputElement).value).toBe('12:30');
    expect((within(added).getByLabelText('To') as HTMLInputElement).value).toBe('');
    fireEvent.click(within(screen.getByRole('group', { name: 'Hours 1 of Mondays' })).getByRole('button', { name: 'Remove hours 1 of Mondays' }));
    expect(screen.getAllByRole('group')).toHaveLength(1);
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('12:30');
  });

  test('typing keeps the same input (and so the focus)', () => {
    render(() => <Harness initial={[{ start: '09:00', end: '12:30' }]} />);
    const from = screen.getByLabelText('From') as HTMLInputElement;
    from.focus();
    fireEvent.input(from, { target: { value: '08:3' } });
    expect(screen.getByLabelText('From')).toBe(from);
    expect(document.activeElement).toBe(from);
  });

  test('an overlap and an end before the start show on their own fields, tied to them for screen readers', () => {
    render(() => <Harness checked initial={[{ start: '09:00', end: '12:30' }, { start: '12:00', end: '11:00' }, { start: '11:00', end: '13:00' }]} />);
    const second = within(screen.getByRole('group', { name: 'Hours 2 of Mondays' }));
    const end = second.getByLabelText('To');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(end.getAttribute('aria-describedby') ?? '')?.textContent).toContain('End must be after the start (12:00).');
    const third = within(screen.getByRole('group', { name: 'Hours 3 of Mondays' }));
    expect(third.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/overlaps 09:00–12:30/)).toBeTruthy();
  });

  test('no windows: says so, and Add hours offers a working day', async () => {
    render(() => <Harness initial={[]} />);
    expect(screen.getByText('No hours on Mondays.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add hours to Mondays' }));
    expect(((await screen.findByLabelText('From')) as HTMLInputElement).value).toBe('09:00');
  });
});
