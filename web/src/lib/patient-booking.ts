/**
 * The booking logic that lives in the browser: the 7-day window, slots grouped by the hospital's calendar
 * day, the change cut-off, and one Idempotency-Key per choice. Pure (the zone and the clock are arguments),
 * so the tests can pin them.
 */
import type { SlotDto } from '../../../shared/schemas/booking';
import { addDays, dateInZone, todayInZone } from './format';

/** The booking window is today and the next 6 days in the hospital's zone (API.md "Booking rules"). */
export const WINDOW_DAYS = 7;
/** PATIENT_CHANGE_CUTOFF_HOURS's default (GET /api/settings says the hospital's own; a 409 `too_late` names it too). */
export const DEFAULT_CUTOFF_HOURS = 2;

export function bookingWindow(zone: string, now = new Date()): { from: string; to: string } {
  const from = todayInZone(zone, now);
  return { from, to: addDays(from, WINDOW_DAYS - 1) };
}

export interface SlotDay {
  /** "YYYY-MM-DD" in the hospital's zone. */
  date: string;
  slots: SlotDto[];
}

/** Every day from `from` for `days` days (empty days too, so a day off reads as one), slots by start. */
export function groupSlotsByDay(slots: readonly SlotDto[], from: string, zone: string, days = WINDOW_DAYS): SlotDay[] {
  const byDate = new Map<string, SlotDto[]>();
  for (let i = 0; i < days; i++) byDate.set(addDays(from, i), []);
  for (const slot of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    byDate.get(dateInZone(slot.start, zone))?.push(slot);
  }
  return [...byDate].map(([date, daySlots]) => ({ date, slots: daySlots }));
}

/** The first day that has a free slot, to open the picker on (or the first day). */
export function firstDayWithSlots(days: readonly SlotDay[]): string | undefined {
  return (days.find((d) => d.slots.length > 0) ?? days[0])?.date;
}

/** A chosen slot survives a refresh of the slots only if it is still free. */
export function keepIfStillFree(chosen: SlotDto | null, slots: readonly SlotDto[]): SlotDto | null {
  if (!chosen) return null;
  return slots.find((s) => s.start === chosen.start) ?? null;
}

/** A time button works like a radio that can be un-chosen: pressing the chosen one again clears the choice. */
export function toggleSlot(chosen: SlotDto | null, pressed: SlotDto): SlotDto | null {
  return chosen?.start === pressed.start ? null : pressed;
}

export type ChangeState =
  /** Booked, in the future and outside the cut-off: Reschedule and Cancel are offered. */
  | 'changeable'
  /** Booked but within the cut-off: only the hospital can change it now. */
  | 'too_late'
  /** Completed, cancelled or already started: nothing to change. */
  | 'final';

export function changeState(appointment: { status: string; start: string }, now = new Date(), cutoffHours = DEFAULT_CUTOFF_HOURS): ChangeState {
  const start = Date.parse(appointment.start);
  if (appointment.status !== 'booked' || start <= now.getTime()) return 'final';
  return start - now.getTime() < cutoffHours * 3_600_000 ? 'too_late' : 'changeable';
}

/** The cut-off named in a 409 `too_late` ("... within 3 hours of its start ..."), to keep the page's wording true. */
export function cutoffHoursFromMessage(message: string): number | null {
  const match = /within (\d+(?:\.\d+)?) hours?/.exec(message);
  return match ? Number(match[1]) : null;
}

export function hoursWord(hours: number): string {
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/**
 * One Idempotency-Key per choice (doctor, start and reason): retrying the same choice after a lost answer
 * sends the same key, so the server books once; a different choice gets a fresh key.
 */
export function keyPerChoice(newKey: () => string): (choice: string) => string {
  let last: { choice: string; key: string } | null = null;
  return (choice) => {
    if (last?.choice !== choice) last = { choice, key: newKey() };
    return last.key;
  };
}
