// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { cleanWindows, hasErrors, normaliseClock, serverWindowErrors, windowErrors } from './doctor-windows';

describe('the availability window editor', () => {
  test('a window must end after it starts, and the error is on its end', () => {
    const errors = windowErrors([{ start: '12:00', end: '09:00' }]);
    expect(errors[0]).toEqual({ end: 'End must be after the start (12:00).' });
    expect(windowErrors([{ start: '09:00', end: '09:00' }])[0]?.end).toContain('after the start');
  });

  test('windows of one day must not overlap; the later one is marked, whatever the order typed', () => {
    const errors = windowErrors([
      { start: '11:00', end: '14:00' },
      { start: '09:00', end: '12:00' },
    ]);
    expect(errors[1]).toEqual({});
    expect(errors[0]?.start).toBe('This window overlaps 09:00–12:00; start it at 12:00 or later.');
  });

  test('touching windows are fine, and so is an end at 24:00', () => {
    const errors = windowErrors([
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '24:00' },
    ]);
    expect(hasErrors(errors)).toBe(false);
  });

  test('times that are not HH:MM are refused on their own field', () => {
    const errors = windowErrors([{ start: '9 am', end: '' }]);
    expect(errors[0]?.start).toContain('HH:MM');
    expect(errors[0]?.end).toBe('Enter an end time, such as 12:30.');
    expect(windowErrors([{ start: '24:00', end: '24:00' }])[0]?.start).toContain('23:59');
  });

  test('typed times are tidied before they are sent, and sorted', () => {
    expect(normaliseClock(' 9:05 ')).toBe('09:05');
    expect(normaliseClock('1330')).toBe('13:30');
    expect(cleanWindows([{ start: '13:00', end: '17:00' }, { start: '8:00', end: '12:00' }])).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
  });

  test("the server's field errors land on the window and field they name", () => {
    const { windows, other } = serverWindowErrors(
      { 'days.0.windows.1': 'overlaps another window of the same day', 'days.0.windows.0.end': 'must be a time as HH:MM (00:00 to 24:00)', 'days.1.windows.0': 'x', 'days.0.date': 'is listed twice' },
      'days.0',
    );
    expect(windows.get(1)).toEqual({ start: 'This window overlaps another window of the same day.' });
    expect(windows.get(0)).toEqual({ end: 'End must be a time as HH:MM (00:00 to 24:00).' });
    expect(other).toEqual(['is listed twice']);
  });
});
