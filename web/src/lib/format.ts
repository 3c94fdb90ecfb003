/**
 * Dates and times as people read them, always in the hospital's zone (GET /api/settings) with the zone
 * named: a patient abroad books the clinic's 09:00, not their own. Pure functions of their arguments, so the
 * component tests can pin a zone; the `*InHospital` forms read the zone the app was told.
 */
import { settings } from './config';

const FALLBACK_ZONE = 'UTC';

export function hospitalZone(): string {
  return settings.timeZone() ?? FALLBACK_ZONE;
}

function parts(iso: string, zone: string, options: Intl.DateTimeFormatOptions): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }).format(at);
}

/** "Thu, 3 Dec 2026, 09:30 GMT" */
export function formatDateTime(iso: string, zone = hospitalZone()): string {
  return parts(iso, zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
}

/** "09:30" (no zone: for use beside a heading or a column that names it). */
export function formatTime(iso: string, zone = hospitalZone()): string {
  return parts(iso, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** "09:30–10:00 GMT" */
export function formatTimeRange(startIso: string, endIso: string, zone = hospitalZone()): string {
  return `${formatTime(startIso, zone)}–${formatTime(endIso, zone)} ${zoneAbbreviation(startIso, zone)}`;
}

/** The zone's short name at that instant: "GMT", "BST", "GMT+5:30". */
export function zoneAbbreviation(iso: string, zone = hospitalZone()): string {
  const at = new Date(iso);
  const found = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(Number.isNaN(at.getTime()) ? new Date() : at).find((p) => p.type === 'timeZoneName');
  return found?.value ?? zone;
}

/** "the hospital's time (Europe/London)": for a page's lead or a column's heading. */
export function zoneNote(zone = hospitalZone()): string {
  return `Times are the hospital's local time (${zone.replace(/_/g, ' ')}).`;
}

/** A calendar date "2026-12-03" (already in the hospital's zone) as "Thu, 3 Dec 2026". */
export function formatDate(date: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  // Noon UTC of that date, formatted in UTC: the same calendar day whatever the browser's zone.
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(at);
}

/** The calendar date of an instant in the hospital's zone, "YYYY-MM-DD". */
export function dateInZone(iso: string | Date, zone = hospitalZone()): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today in the hospital's zone, "YYYY-MM-DD". */
export function todayInZone(zone = hospitalZone(), now = new Date()): string {
  return dateInZone(now, zone);
}

/** "YYYY-MM-DD" plus n days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d + days));
  return at.toISOString().slice(0, 10);
}

/** Status words as people say them. */
export function statusLabel(status: string): string {
  const labels: Record<string, string> = {
    booked: 'Booked',
    completed: 'Completed',
    cancelled: 'Cancelled',
    active: 'Active',
    blacklisted: 'Blocked',
    deleted: 'Removed',
    queued: 'Queued',
    running: 'In progress',
    done: 'Ready',
    failed: 'Failed',
    expired: 'Expired',
  };
  return labels[status] ?? status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ');
}
