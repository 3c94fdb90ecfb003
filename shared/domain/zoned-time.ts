/**
 * Wall-clock time in the hospital's zone, turned into instants and back. Pure: the zone is an argument.
 * Offsets come from @date-fns/tz (ADR 016); the rules for the two awkward hours of the year are ours,
 * because a library's choice there is not stable across zones (TZDate picks the earlier reading of an
 * ambiguous time in New York and the later in London):
 * - a time that happens twice (autumn, clocks go back) means its FIRST occurrence;
 * - a time that never happens (spring, clocks go forward) moves forward by the gap (01:30 in London on the
 *   spring change is 02:30 BST), so a window that starts inside the gap starts when the clocks resume.
 */
import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** `HH:MM` to minutes after midnight; `24:00` is the end of the day (1440). */
export function minutesOfClock(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Minutes after midnight to `HH:MM`. */
export function clockOfMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The calendar date `days` after `date` (negative goes back). Plain calendar arithmetic, no zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: Monday 1 … Sunday 7. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The zone's offset from UTC at `instant`, in minutes (London in summer: 60). */
function offsetAt(instant: number, timeZone: string): number {
  return tzOffset(timeZone, new Date(instant));
}

/**
 * Answers of instantAt, remembered: every slot list converts the same few dates and window edges again,
 * and one conversion costs several Intl offset lookups (some 7 µs). Pure, so safe to keep; bounded.
 */
const instants = new Map<string, number>();
const MAX_REMEMBERED = 20_000;

/** The instant at which the wall clock in `timeZone` reads `clock` (`HH:MM`, up to `24:00`) on `date`. */
export function instantAt(date: string, clock: string, timeZone: string): Date {
  const key = `${timeZone} ${date} ${clock}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = computeInstant(date, clock, timeZone);
    if (instants.size >= MAX_REMEMBERED) instants.clear();
    instants.set(key, instant);
  }
  return new Date(instant);
}

function computeInstant(date: string, clock: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // The wall time read as if it were UTC; the real instant is that minus the offset in force then.
  const wall = Date.UTC(y, m - 1, d) + minutesOfClock(clock) * MINUTE;
  // No zone changes its offset twice within a day, so the offsets a day either side are the only candidates.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const readings = [before, after]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => offsetAt(instant, timeZone) * MINUTE === wall - instant)
    .sort((a, b) => a - b);
  // Ambiguous: the first occurrence. Nonexistent (a spring gap): the offset from before the change
  // lands the same distance past the gap's end.
  return readings[0] ?? wall - before * MINUTE;
}

/** The `HH:MM` the wall clock in `timeZone` reads at `instant`. */
export function clockAt(instant: Date, timeZone: string): string {
  const local = instant.getTime() + offsetAt(instant.getTime(), timeZone) * MINUTE;
  const minutes = Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
  return clockOfMinutes(minutes);
}

/**
 * `instant.toISOString()`, remembered by the millisecond: slot lists write the same few hundred instants
 * on every request, and a Map lookup is several times cheaper than formatting. Bounded like instantAt's.
 */
const isoStrings = new Map<number, string>();

export function isoOf(instant: Date): string {
  const ms = instant.getTime();
  let iso = isoStrings.get(ms);
  if (iso === undefined) {
    iso = instant.toISOString();
    if (isoStrings.size >= MAX_REMEMBERED) isoStrings.clear();
    isoStrings.set(ms, iso);
  }
  return iso;
}
