/**
 * A doctor's own availability (API.md "Doctor"): the dates of the booking window with their windows, and
 * the weekly template with the slot length. Pure valibot plus the checks a schema cannot name by index
 * (overlapping windows, a date twice, a date outside the window), shared with the web app's forms.
 */
import * as v from 'valibot';
import { windowsProblem } from '../domain/slots';
import { TimeWindowSchema } from './booking';
import { CalendarDate } from './dates';

export const MAX_WINDOWS_A_DAY = 12;
export const SLOT_MINUTES_MIN = 5;
export const SLOT_MINUTES_MAX = 240;

const Windows = v.pipe(v.array(TimeWindowSchema), v.maxLength(MAX_WINDOWS_A_DAY, `must hold at most ${MAX_WINDOWS_A_DAY} windows`));

export const AvailabilityDay = v.object({
  date: v.string(),
  windows: v.array(TimeWindowSchema),
  /** `date` when the doctor set the day explicitly (no windows: a day off), `weekly` when it follows the template. */
  source: v.picklist(['weekly', 'date']),
});
export const AvailabilityResponse = v.object({ days: v.array(AvailabilityDay) });
export type AvailabilityResponse = v.InferOutput<typeof AvailabilityResponse>;

export const UpdateAvailabilityInput = v.object({
  days: v.pipe(
    v.array(v.object({ date: CalendarDate, windows: Windows })),
    v.minLength(1, 'must list at least one day'),
    v.maxLength(7, 'must list at most 7 days'),
  ),
});
export type UpdateAvailabilityInput = v.InferOutput<typeof UpdateAvailabilityInput>;

export const WeeklyAvailability = v.object({
  slotMinutes: v.pipe(
    v.number(),
    v.integer('must be a whole number'),
    v.minValue(SLOT_MINUTES_MIN, `must be at least ${SLOT_MINUTES_MIN}`),
    v.maxValue(SLOT_MINUTES_MAX, `must be at most ${SLOT_MINUTES_MAX}`),
  ),
  /** Monday 1 … Sunday 7; a weekday left out (or with no windows) is a day off. The answer lists all 7. */
  weekly: v.pipe(
    v.array(
      v.object({
        weekday: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 (Monday) to 7 (Sunday)'), v.maxValue(7, 'must be 1 (Monday) to 7 (Sunday)')),
        windows: Windows,
      }),
    ),
    v.maxLength(7, 'must list at most 7 weekdays'),
  ),
});
export type WeeklyAvailability = v.InferOutput<typeof WeeklyAvailability>;

type Fields = Record<string, string>;

/** What is wrong with each day's windows, by the path of the first bad window (`days.0.windows.1`). */
function windowFields(days: { windows: { start: string; end: string }[] }[], list: string): Fields {
  const fields: Fields = {};
  for (const [i, day] of days.entries()) {
    const problem = windowsProblem(day.windows);
    if (problem) fields[`${list}.${i}.windows.${problem.index}`] = problem.message;
  }
  return fields;
}

/** Field problems of `PUT /api/doctor/availability` beyond its schema; empty when it may be saved. */
export function availabilityProblems(input: UpdateAvailabilityInput, window: { first: string; last: string }): Fields {
  const fields: Fields = {};
  const seen = new Set<string>();
  for (const [i, day] of input.days.entries()) {
    if (day.date < window.first || day.date > window.last) fields[`days.${i}.date`] = `must be inside the booking window (${window.first} to ${window.last})`;
    else if (seen.has(day.date)) fields[`days.${i}.date`] = 'is listed twice';
    seen.add(day.date);
  }
  return { ...fields, ...windowFields(input.days, 'days') };
}

/** Field problems of `PUT /api/doctor/availability/weekly` beyond its schema; empty when it may be saved. */
export function weeklyProblems(input: WeeklyAvailability): Fields {
  const fields: Fields = {};
  const seen = new Set<number>();
  for (const [i, day] of input.weekly.entries()) {
    if (seen.has(day.weekday)) fields[`weekly.${i}.weekday`] = 'is listed twice';
    seen.add(day.weekday);
  }
  return { ...fields, ...windowFields(input.weekly, 'weekly') };
}

export const WeeklyAvailabilityResponse = WeeklyAvailability;
export type WeeklyAvailabilityResponse = v.InferOutput<typeof WeeklyAvailabilityResponse>;
