import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  bookingWindow,
  datesInWindow,
  daySchedules,
  freeSlots,
  slotsOfDay,
  strandedAppointments,
  windowsProblem,
  type DaySchedule,
  type WeeklyDay,
} from './slots';
import { instantAt } from './zoned-time';

const iso = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
const day = (date: string, ...windows: [string, string][]): DaySchedule => ({
  date,
  windows: windows.map(([start, end]) => ({ start, end })),
  source: 'date',
});

describe('slots of a day', () => {
  test('a morning is cut into whole slots; a remainder is left unused', () => {
    const slots = slotsOfDay(day('2026-12-01', ['09:00', '10:40']), 30, 'UTC');
    expect(iso(slots)).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-01T09:30:00.000Z', '2026-12-01T10:00:00.000Z']);
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === 30 * 60_000)).toBe(true);
  });

  test('45-minute slots in Kathmandu (+05:45)', () => {
    const slots = slotsOfDay(day('2026-12-01', ['09:00', '12:00']), 45, 'Asia/Kathmandu');
    expect(iso(slots)).toEqual(['2026-12-01T03:15:00.000Z', '2026-12-01T04:00:00.000Z', '2026-12-01T04:45:00.000Z', '2026-12-01T05:30:00.000Z']);
  });

  test('half-hour zones: Kolkata and Adelaide', () => {
    expect(iso(slotsOfDay(day('2026-12-01', ['09:00', '10:00']), 30, 'Asia/Kolkata'))).toEqual(['2026-12-01T03:30:00.000Z', '2026-12-01T04:00:00.000Z']);
    expect(iso(slotsOfDay(day('2026-12-01', ['09:00', '10:00']), 30, 'Australia/Adelaide'))).toEqual(['2026-11-30T22:30:00.000Z', '2026-11-30T23:00:00.000Z']);
  });

  test('London spring change: a window from 00:00 to 03:00 holds the two hours that really pass', () => {
    const slots = slotsOfDay(day('2026-03-29', ['00:00', '03:00']), 30, 'Europe/London');
    expect(iso(slots)).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z']);
  });

  test('London autumn change: the same window holds four hours and no instant twice', () => {
    const slots = slotsOfDay(day('2026-10-25', ['00:00', '03:00']), 60, 'Europe/London');
    expect(iso(slots)).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
  });

  test('New York: a usual day-time window is unchanged by the night change', () => {
    expect(slotsOfDay(day('2026-03-08', ['09:00', '17:00']), 30, 'America/New_York')).toHaveLength(16);
    expect(iso(slotsOfDay(day('2026-03-08', ['09:00', '09:30']), 30, 'America/New_York'))).toEqual(['2026-03-08T13:00:00.000Z']);
    expect(iso(slotsOfDay(day('2026-11-01', ['09:00', '09:30']), 30, 'America/New_York'))).toEqual(['2026-11-01T14:00:00.000Z']);
    // Across the spring gap, 01:00–04:00 is two real hours.
    expect(slotsOfDay(day('2026-03-08', ['01:00', '04:00']), 30, 'America/New_York')).toHaveLength(4);
  });

  test('midnight: a window may end at 24:00, and one may start at 00:00', () => {
    expect(iso(slotsOfDay(day('2026-12-31', ['23:00', '24:00']), 30, 'Europe/London'))).toEqual(['2026-12-31T23:00:00.000Z', '2026-12-31T23:30:00.000Z']);
    expect(slotsOfDay(day('2026-12-31', ['23:00', '24:00']), 30, 'Europe/London').at(-1)!.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(iso(slotsOfDay(day('2027-01-01', ['00:00', '00:30']), 30, 'Asia/Kolkata'))).toEqual(['2026-12-31T18:30:00.000Z']);
  });
});

describe('free slots', () => {
  const base = { slotMinutes: 30, timeZone: 'UTC', minNoticeMinutes: 60 };

  test('a slot held by a live appointment is gone, the rest remain', () => {
    const free = freeSlots({
      ...base,
      days: [day('2026-12-02', ['09:00', '11:00'])],
      taken: [{ start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' }],
      now: new Date('2026-12-01T08:00:00Z'),
    });
    expect(iso(free)).toEqual(['2026-12-02T09:00:00.000Z', '2026-12-02T10:00:00.000Z', '2026-12-02T10:30:00.000Z']);
  });

  test('an appointment of another length (the slot length changed since) takes every slot it overlaps', () => {
    const free = freeSlots({
      ...base,
      days: [day('2026-12-02', ['09:00', '11:00'])],
      taken: [{ start: '2026-12-02T09:15:00.000Z', end: '2026-12-02T10:00:00.000Z' }],
      now: new Date('2026-12-01T08:00:00Z'),
    });
    expect(iso(free)).toEqual(['2026-12-02T10:00:00.000Z', '2026-12-02T10:30:00.000Z']);
  });

  test('the minimum notice: a slot starting exactly at now + notice is free, one a minute sooner is not', () => {
    const days = [day('2026-12-01', ['09:00', '11:00'])];
    expect(iso(freeSlots({ ...base, days, taken: [], now: new Date('2026-12-01T08:30:00Z') }))[0]).toBe('2026-12-01T09:30:00.000Z');
    expect(iso(freeSlots({ ...base, days, taken: [], now: new Date('2026-12-01T08:00:00Z') }))[0]).toBe('2026-12-01T09:00:00.000Z');
    expect(iso(freeSlots({ ...base, days, taken: [], now: new Date('2026-12-01T08:01:00Z') }))[0]).toBe('2026-12-01T09:30:00.000Z');
  });

  test('unsorted held time across several days is handled', () => {
    const free = freeSlots({
      ...base,
      days: [day('2026-12-02', ['09:00', '10:00']), day('2026-12-03', ['09:00', '10:00'])],
      taken: [
        { start: '2026-12-03T09:00:00.000Z', end: '2026-12-03T09:30:00.000Z' },
        { start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' },
      ],
      now: new Date('2026-12-01T08:00:00Z'),
    });
    expect(iso(free)).toEqual(['2026-12-02T09:00:00.000Z', '2026-12-03T09:30:00.000Z']);
  });
});

describe('the booking window and each day’s windows', () => {
  test('today and the next 6 days in the hospital’s zone, even where the UTC date differs', () => {
    expect(bookingWindow(new Date('2026-12-01T23:30:00Z'), 'Asia/Kolkata')).toEqual({ first: '2026-12-02', last: '2026-12-08' });
    expect(bookingWindow(new Date('2026-12-01T03:00:00Z'), 'America/New_York')).toEqual({ first: '2026-11-30', last: '2026-12-06' });
    expect(bookingWindow(new Date('2026-12-31T12:00:00Z'), 'UTC')).toEqual({ first: '2026-12-31', last: '2027-01-06' });
  });

  test('asked dates are clipped to the window; a range outside it is empty', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(datesInWindow(now, 'UTC')).toHaveLength(7);
    expect(datesInWindow(now, 'UTC', '2026-11-20', '2026-12-02')).toEqual(['2026-12-01', '2026-12-02']);
    expect(datesInWindow(now, 'UTC', '2026-12-07', '2027-01-01')).toEqual(['2026-12-07']);
    expect(datesInWindow(now, 'UTC', '2026-12-09', '2026-12-10')).toEqual([]);
  });

  test('an explicit date wins over the template; an explicit date with no windows is a day off', () => {
    const weekly: WeeklyDay[] = [{ weekday: 2, windows: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }] }];
    const days = daySchedules(['2026-12-01', '2026-12-08', '2026-12-02'], weekly, [{ date: '2026-12-08', windows: [] }]);
    expect(days).toEqual([
      { date: '2026-12-01', windows: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], source: 'weekly' },
      { date: '2026-12-08', windows: [], source: 'date' },
      { date: '2026-12-02', windows: [], source: 'weekly' },
    ]);
  });

  test('windows must end after they start and must not overlap; touching is fine', () => {
    expect(windowsProblem([{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }])).toBeNull();
    expect(windowsProblem([{ start: '09:00', end: '09:00' }])).toEqual({ index: 0, message: 'must end after it starts' });
    expect(windowsProblem([{ start: '13:00', end: '17:00' }, { start: '09:00', end: '13:30' }])).toEqual({ index: 0, message: 'overlaps another window of the same day' });
    expect(windowsProblem([{ start: '22:00', end: '24:00' }])).toBeNull();
  });

  test('an appointment no new window wholly contains is stranded; other days are not judged', () => {
    const appointments = [
      { id: 'kept', start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
      { id: 'cut', start: '2026-12-02T11:30:00.000Z', end: '2026-12-02T12:00:00.000Z' },
      { id: 'other-day', start: '2026-12-03T11:30:00.000Z', end: '2026-12-03T12:00:00.000Z' },
    ];
    const stranded = strandedAppointments([day('2026-12-02', ['09:00', '11:45'])], appointments, 'UTC');
    expect(stranded.map((a) => a.id)).toEqual(['cut']);
    expect(strandedAppointments([day('2026-12-02')], appointments, 'UTC').map((a) => a.id)).toEqual(['kept', 'cut']);
  });
});

describe('properties, over zones with changes and odd offsets', () => {
  const zones = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'Asia/Kathmandu', 'UTC'];

  test('slots are in order, never overlap, each exactly slotMinutes long, inside its window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(5, 15, 20, 30, 45, 60, 90),
        fc.integer({ min: 0, max: 47 }),
        fc.integer({ min: 1, max: 48 }),
        (zone, when, slotMinutes, startHalfHour, lengthHalfHours) => {
          const date = when.toISOString().slice(0, 10);
          const endHalfHour = Math.min(48, startHalfHour + lengthHalfHours);
          const clock = (h: number) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`;
          const window = { start: clock(startHalfHour), end: clock(endHalfHour) };
          const slots = slotsOfDay({ date, windows: [window] }, slotMinutes, zone);
          const windowStart = instantAt(date, window.start, zone).getTime();
          const windowEnd = instantAt(date, window.end, zone).getTime();
          for (const [i, slot] of slots.entries()) {
            expect(slot.end.getTime() - slot.start.getTime()).toBe(slotMinutes * 60_000);
            expect(slot.start.getTime()).toBeGreaterThanOrEqual(windowStart);
            expect(slot.end.getTime()).toBeLessThanOrEqual(windowEnd);
            if (i > 0) expect(slot.start.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.end.getTime());
          }
          // Whole slots fill the window's real length up to a remainder shorter than one slot.
          expect(Math.max(0, windowEnd - windowStart) - slots.length * slotMinutes * 60_000).toBeLessThan(slotMinutes * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});
