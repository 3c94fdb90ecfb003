/**
 * Appointments as a doctor reads their week: grouped by calendar day in the hospital's zone (not the
 * browser's), and the ids of a 409 from an availability change turned back into times and names.
 */
import { ApiError } from './api';
import { dateInZone, formatDate, formatTime } from './format';

interface Timed {
  id: string;
  start: string;
}

/** Appointments by hospital-zone date, days in order, each day's appointments by start. */
export function groupByDay<T extends Timed>(items: readonly T[], zone: string): { date: string; items: T[] }[] {
  const days = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.start.localeCompare(b.start))) {
    const date = dateInZone(item.start, zone);
    const list = days.get(date) ?? [];
    list.push(item);
    days.set(date, list);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, items: list }));
}

/**
 * The appointments a refused availability change names. The API sends `error.appointmentIds`; the
 * app's ApiError keeps only code, message and fields, so the ids are also found in the message, which
 * names each of them (checked against the appointments the page knows, never parsed blindly).
 */
export function blockingAppointmentIds(err: unknown, known: readonly { id: string }[]): string[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'state') return null;
  const sent = (err as unknown as { appointmentIds?: unknown }).appointmentIds;
  if (Array.isArray(sent) && sent.every((id) => typeof id === 'string')) return sent as string[];
  const named = known.filter((a) => err.message.includes(a.id)).map((a) => a.id);
  return named;
}

export interface Blocking {
  id: string;
  /** "Thu, 3 Dec 2026 09:30 Oscar Hill", or the id when the page does not know it. */
  text: string;
}

/** Each blocking appointment as the doctor recognises it: its date, time and patient. */
export function describeBlocking(ids: readonly string[], appointments: readonly (Timed & { patientName: string })[], zone: string): Blocking[] {
  const byId = new Map(appointments.map((a) => [a.id, a]));
  return ids
    .map((id) => {
      const a = byId.get(id);
      if (!a) return { id, start: '', text: `an appointment we could not look up (${id})` };
      return { id, start: a.start, text: `${formatDate(dateInZone(a.start, zone))} ${formatTime(a.start, zone)} ${a.patientName}` };
    })
    .sort((x, y) => x.start.localeCompare(y.start))
    .map(({ id, text }) => ({ id, text }));
}

/** The sentence above the list. */
export function blockingSentence(count: number): string {
  return count === 1
    ? 'This booked appointment falls outside the new hours. Cancel it first, or keep the hours that hold it:'
    : `These ${count} booked appointments fall outside the new hours. Cancel them first, or keep the hours that hold them:`;
}
