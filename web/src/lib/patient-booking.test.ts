// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { bookingWindow, changeState, cutoffHoursFromMessage, firstDayWithSlots, groupSlotsByDay, keepIfStillFree, keyPerChoice, toggleSlot } from './patient-booking';

describe('the booking window and slots by day in the hospital zone', () => {
  test('the window is today and the next six days in the hospital zone, not the browser’s', () => {
    // 23:30 UTC on 1 Dec is already 2 Dec in Auckland and still 1 Dec in London.
    const now = new Date('2026-12-01T23:30:00Z');
    expect(bookingWindow('Europe/London', now)).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(bookingWindow('Pacific/Auckland', now)).toEqual({ from: '2026-12-02', to: '2026-12-08' });
  });

  test('a slot falls on its day in the hospital zone; every day is listed, empty ones too; slots sorted', () => {
    const slots = [
      { start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' },
      { start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
      // 23:30 UTC on 2 Dec is 3 Dec 00:30 in Berlin.
      { start: '2026-12-02T23:30:00.000Z', end: '2026-12-03T00:00:00.000Z' },
    ];
    const days = groupSlotsByDay(slots, '2026-12-01', 'Europe/Berlin');
    expect(days.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']);
    expect(days[0]!.slots).toEqual([]);
    expect(days[1]!.slots.map((s) => s.start)).toEqual(['2026-12-02T09:00:00.000Z', '2026-12-02T09:30:00.000Z']);
    expect(days[2]!.slots.map((s) => s.start)).toEqual(['2026-12-02T23:30:00.000Z']);
    expect(groupSlotsByDay(slots, '2026-12-01', 'UTC')[1]!.slots).toHaveLength(3);
    expect(firstDayWithSlots(days)).toBe('2026-12-02');
    expect(firstDayWithSlots(groupSlotsByDay([], '2026-12-01', 'UTC'))).toBe('2026-12-01');
  });

  test('a chosen slot is kept after a refresh only while it is still free', () => {
    const a = { start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' };
    const b = { start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' };
    expect(keepIfStillFree(a, [a, b])).toEqual(a);
    expect(keepIfStillFree(a, [b])).toBeNull();
    expect(keepIfStillFree(null, [a])).toBeNull();
  });

  test('pressing a time chooses it; pressing another moves the choice; pressing the chosen one clears it', () => {
    const a = { start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' };
    const b = { start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' };
    expect(toggleSlot(null, a)).toEqual(a);
    expect(toggleSlot(a, b)).toEqual(b);
    expect(toggleSlot(a, { ...a })).toBeNull();
  });
});

describe('the change cut-off', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  test('booked and more than the cut-off ahead: changeable; inside it: too late; started or final: nothing', () => {
    expect(changeState({ status: 'booked', start: '2026-12-01T12:00:00Z' }, now)).toBe('changeable');
    expect(changeState({ status: 'booked', start: '2026-12-01T11:59:59Z' }, now)).toBe('too_late');
    expect(changeState({ status: 'booked', start: '2026-12-01T12:30:00Z' }, now, 3)).toBe('too_late');
    expect(changeState({ status: 'booked', start: '2026-12-01T10:00:00Z' }, now)).toBe('final');
    expect(changeState({ status: 'cancelled', start: '2026-12-03T10:00:00Z' }, now)).toBe('final');
    expect(changeState({ status: 'completed', start: '2026-11-03T10:00:00Z' }, now)).toBe('final');
  });

  test('the hours are read from the API’s too_late message', () => {
    expect(cutoffHoursFromMessage('An appointment cannot be changed online within 3 hours of its start. Please call the hospital.')).toBe(3);
    expect(cutoffHoursFromMessage('within 1 hour of')).toBe(1);
    expect(cutoffHoursFromMessage('Something else')).toBeNull();
  });
});

test('one Idempotency-Key per choice: the same choice retried reuses it, another choice gets a new one', () => {
  let n = 0;
  const keyFor = keyPerChoice(() => `key-${++n}`);
  expect(keyFor('doc|09:00|')).toBe('key-1');
  expect(keyFor('doc|09:00|')).toBe('key-1');
  expect(keyFor('doc|09:30|')).toBe('key-2');
  expect(keyFor('doc|09:00|')).toBe('key-3');
});
