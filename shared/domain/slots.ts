/**
 * Free slots, as pure arithmetic (issue 7, item 3): weekly template + explicit dates → each day's windows
 * → slots → minus taken time → minus the minimum notice. No I/O: `now` and the zone are arguments.
 *
 * A window is wall-clock time in the hospital's zone (`09:00`–`12:00`; `24:00` ends at midnight). Slots are
 * cut in real elapsed time from the window's first instant: on the night the clocks change, a window from
 * 00:00 to 03:00 holds the hours that really pass (two in spring, four in autumn in London), never a slot
 * that does not exist or two slots at one instant. Only whole slots count; a remainder is left unused.
 */
import { dateInZone } from './calendar';
import { addDays, datesBetween, instantAt, minutesOfClock, weekdayOf } from './zoned-time';

/** The booking window: today and the next 6 days in the hospital's zone (API.md "Booking rules"). */
export const BOOKING_WINDOW_DAYS = 7;

export interface TimeWindow {
  start: string;
  end: string;
}
export interface WeeklyDay {
  weekday: number;
  windows: TimeWindow[];
}
export interface DateOverride {
  date: string;
  windows: TimeWindow[];
}
export interface DaySchedule {
  date: string;
  windows: TimeWindow[];
  /** `date` when the day was set explicitly (a day off is `windows: []`), else `weekly`. */
  source: 'weekly' | 'date';
}
export interface Slot {
  start: Date;
  end: Date;
}
/** Time already held (a live appointment), as instants. */
export interface Held {
  start: Date | string;
  end: Date | string;
}

const MINUTE = 60_000;

/** The first and last calendar dates of the booking window that holds `now`. */
export function bookingWindow(now: Date, timeZone: string, days = BOOKING_WINDOW_DAYS): { first: string; last: string } {
  const first = dateInZone(now, timeZone);
  return { first, last: addDays(first, days - 1) };
}

/** Each date's windows: an explicit date wins over the weekly template's weekday. Windows come out sorted. */
export function daySchedules(dates: string[], weekly: WeeklyDay[], overrides: DateOverride[]): DaySchedule[] {
  const byDate = new Map(overrides.map((o) => [o.date, o.windows]));
  const byWeekday = new Map(weekly.map((w) => [w.weekday, w.windows]));
  return dates.map((date) => {
    const explicit = byDate.get(date);
    const windows = explicit ?? byWeekday.get(weekdayOf(date)) ?? [];
    return { date, windows: sortWindows(windows), source: explicit ? 'date' : 'weekly' };
  });
}

export function sortWindows(windows: TimeWindow[]): TimeWindow[] {
  return [...windows].sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start));
}

/**
 * Why a day's windows cannot be saved, or null: each must end after it starts, and they must not overlap
 * (touching is fine: 09:00–12:00 and 12:00–13:00). Keys name the bad window by its index.
 */
export function windowsProblem(windows: TimeWindow[]): { index: number; message: string } | null {
  for (const [index, w] of windows.entries()) {
    if (minutesOfClock(w.end) <= minutesOfClock(w.start)) return { index, message: 'must end after it starts' };
  }
  const order = windows.map((w, index) => ({ ...w, index })).sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start));
  for (let i = 1; i < order.length; i++) {
    if (minutesOfClock(order[i]!.start) < minutesOfClock(order[i - 1]!.end)) {
      return { index: order[i]!.index, message: 'overlaps another window of the same day' };
    }
  }
  return null;
}

/** A window's real span: its first instant and the instant it ends. */
export function windowSpan(date: string, window: TimeWindow, timeZone: string): { start: number; end: number } {
  return { start: instantAt(date, window.start, timeZone).getTime(), end: instantAt(date, window.end, timeZone).getTime() };
}

/** Every slot of one day's windows, in order. */
export function slotsOfDay(day: Pick<DaySchedule, 'date' | 'windows'>, slotMinutes: number, timeZone: string): Slot[] {
  const step = slotMinutes * MINUTE;
  const slots: Slot[] = [];
  for (const window of day.windows) {
    const span = windowSpan(day.date, window, timeZone);
    for (let start = span.start; start + step <= span.end; start += step) {
      slots.push({ start: new Date(start), end: new Date(start + step) });
    }
  }
  return slots;
}

export interface FreeSlotsInput {
  days: DaySchedule[];
  slotMinutes: number;
  timeZone: string;
  /** Live appointments of the doctor (any length: a slot overlapping one is taken). */
  taken: Held[];
  now: Date;
  /** A slot must start at least this long after `now`. */
  minNoticeMinutes: number;
}

/** The slots of those days that nobody holds and that start far enough ahead, in order. */
export function freeSlots(input: FreeSlotsInput): Slot[] {
  const earliest = input.now.getTime() + input.minNoticeMinutes * MINUTE;
  const taken = input.taken
    .map((t) => ({ start: new Date(t.start).getTime(), end: new Date(t.end).getTime() }))
    .sort((a, b) => a.start - b.start);
  const free: Slot[] = [];
  let t = 0;
  for (const day of input.days) {
    for (const slot of slotsOfDay(day, input.slotMinutes, input.timeZone)) {
      const start = slot.start.getTime();
      const end = slot.end.getTime();
      if (start < earliest) continue;
      // Both lists are in time order: skip what ended before this slot, then test the next one held.
      while (t < taken.length && taken[t]!.end <= start) t++;
      if (overlapsAny(taken, t, start, end)) continue;
      free.push(slot);
    }
  }
  return free;
}

function overlapsAny(taken: { start: number; end: number }[], from: number, start: number, end: number): boolean {
  for (let i = from; i < taken.length && taken[i]!.start < end; i++) {
    if (taken[i]!.end > start) return true;
  }
  return false;
}

/** The days of the booking window that fall between `from` and `to` (both optional, both included). */
export function datesInWindow(now: Date, timeZone: string, from?: string, to?: string): string[] {
  const window = bookingWindow(now, timeZone);
  const first = from && from > window.first ? from : window.first;
  const last = to && to < window.last ? to : window.last;
  return first <= last ? datesBetween(first, last) : [];
}

/**
 * The appointments that would lose their time if these days had these windows: those on one of the days
 * that no window wholly contains. Used to refuse an availability change that strands a booking (409 `state`).
 */
export function strandedAppointments<A extends { id: string; start: Date | string; end: Date | string }>(
  days: Pick<DaySchedule, 'date' | 'windows'>[],
  appointments: A[],
  timeZone: string,
): A[] {
  const windowsOf = new Map(days.map((d) => [d.date, d.windows.map((w) => windowSpan(d.date, w, timeZone))]));
  return appointments.filter((a) => {
    const start = new Date(a.start);
    const spans = windowsOf.get(dateInZone(start, timeZone));
    if (!spans) return false;
    const end = new Date(a.end).getTime();
    return !spans.some((s) => s.start <= start.getTime() && end <= s.end);
  });
}
