/** Calendar dates (`YYYY-MM-DD` in the hospital's zone, API.md "Conventions"): they must exist. Pure. */
import * as v from 'valibot';

/** Whether a `YYYY-MM-DD` string names a day that exists (2026-02-30 does not; 2024-02-29 does). */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CalendarDate = v.pipe(v.string(), v.isoDate(), v.check(isRealDate, 'must be a date that exists'));
