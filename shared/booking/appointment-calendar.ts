/**
 * An appointment as an iCalendar file (RFC 5545): one VEVENT, made with ical-generator, its times written in
 * the hospital's zone with that zone's VTIMEZONE (from timezones-ical-library, whose zone data is compiled
 * into its JavaScript, so it works in the Worker too: ADR 021). Used by
 * `GET /api/patient/appointments/:id/calendar.ics` and, later, attached to the confirmation email: the
 * same appointment makes the same event.
 *
 * - The UID is `<appointmentId>@wardline` forever, so a file downloaded again after a reschedule or a
 *   cancellation replaces the event in the person's calendar instead of adding a second one.
 * - SEQUENCE grows with each change (seconds from creation to the last update) and DTSTAMP/LAST-MODIFIED are
 *   the last update, so a calendar app knows which copy is newer; the same appointment in the same state
 *   gives byte-for-byte the same file.
 * - A cancelled appointment is STATUS:CANCELLED (a calendar app then strikes or removes it).
 * - Nothing clinical: no reason, no notes. The file travels by email and into calendar services.
 * - Sent by email (ADR 025) it is an iTIP message (RFC 5546): METHOD:REQUEST with the confirmation and a
 *   reschedule notice (the same UID with a higher SEQUENCE moves the entry), METHOD:CANCEL with
 *   STATUS:CANCELLED with a cancellation (the entry is removed). iTIP wants an ORGANIZER and an ATTENDEE,
 *   so the emailed copy names the hospital and the patient; otherwise it is the very same event.
 *
 * Pure apart from the libraries: everything it needs is an argument.
 */
import { TZDate } from '@date-fns/tz';
import { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { PatientAppointmentDto } from '../schemas/booking';
import { dateInZone } from '../domain/calendar';

export type CalendarAppointment = Pick<
  PatientAppointmentDto,
  'id' | 'doctorName' | 'departmentName' | 'start' | 'end' | 'status' | 'createdAt' | 'updatedAt'
>;

export interface CalendarPlace {
  hospitalName: string;
  /** The hospital's IANA zone (HOSPITAL_TIMEZONE). */
  timeZone: string;
}

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** How an emailed copy asks the calendar app to act: add or update the entry, or remove it. */
export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** What makes the file an iTIP message for email (RFC 5546): the method, who sends it, who it is for. */
export interface CalendarInvitation {
  method: CalendarMethod;
  /** The hospital (its name and the MAIL_FROM address). */
  organizer: { name: string; email: string };
  /** The patient. */
  attendee: { name: string; email: string };
}

/** The attachment's content type, with the iTIP method a mail client looks for. */
export const invitationContentType = (method: CalendarMethod) => `text/calendar; method=${method}; charset=utf-8`;

/**
 * SEQUENCE: whole seconds from the appointment's creation to its last change. It needs no counter column,
 * is the same every time the same state is rendered, and grows with every change because every change moves
 * `updated_at` forward (ADR 025).
 */
export function calendarSequence(appointment: Pick<CalendarAppointment, 'createdAt' | 'updatedAt'>): number {
  return Math.max(0, Math.floor((Date.parse(appointment.updatedAt) - Date.parse(appointment.createdAt)) / 1000));
}

/** The event's UID: the same for an appointment forever. */
export const calendarUid = (appointmentId: string) => `${appointmentId}@wardline`;

/**
 * The zone as the VTIMEZONE names it (a link such as `UTC` becomes `Etc/UTC`) with its block, or null for a
 * zone the library does not know: then the times are written in UTC, which every calendar reads correctly.
 */
export function vtimezoneOf(timeZone: string): { tzid: string; block: string } | null {
  const found = tzlib_get_ical_block(timeZone);
  if (!Array.isArray(found)) return null;
  const [block, tzidLine] = found;
  const tzid = tzidLine?.startsWith('TZID=') ? tzidLine.slice('TZID='.length) : undefined;
  if (!block || !tzid || !block.startsWith('BEGIN:VTIMEZONE')) return null;
  return { tzid, block };
}

export function appointmentCalendar(appointment: CalendarAppointment, place: CalendarPlace, invitation?: CalendarInvitation): string {
  const zone = vtimezoneOf(place.timeZone);
  const calendar = new ICalCalendar({ prodId: { company: 'Wardline', product: 'Wardline', language: 'EN' } });
  if (invitation) calendar.method(invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  const cancelled = appointment.status === 'cancelled' || invitation?.method === 'CANCEL';
  // The zone goes on the event, not the calendar: ical-generator writes DTSTAMP, CREATED and LAST-MODIFIED
  // in a calendar-wide zone without their required `Z`, but leaves them in UTC when only the event has one.
  if (zone) calendar.timezone({ name: null, generator: (tzid) => (tzid === zone.tzid ? zone.block : null) });
  const at = (iso: string) => (zone ? new TZDate(iso, zone.tzid) : new Date(iso));
  const created = Date.parse(appointment.createdAt);
  const updated = Date.parse(appointment.updatedAt);
  const event = calendar.createEvent({
    id: calendarUid(appointment.id),
    start: at(appointment.start),
    end: at(appointment.end),
    ...(zone ? { timezone: zone.tzid } : {}),
    summary: `Appointment with ${appointment.doctorName} (${appointment.departmentName})`,
    location: place.hospitalName,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    sequence: calendarSequence(appointment),
    stamp: new Date(updated),
    created: new Date(created),
    lastModified: new Date(updated),
  });
  if (invitation) {
    event.organizer({ name: invitation.organizer.name, email: invitation.organizer.email });
    event.createAttendee({
      name: invitation.attendee.name,
      email: invitation.attendee.email,
      role: ICalAttendeeRole.REQ,
      // The booking is the patient's own: they have accepted it already, there is nothing to answer.
      status: ICalAttendeeStatus.ACCEPTED,
      rsvp: false,
    });
  }
  return calendar.toString();
}

/** `appointment-2026-12-01.ics`: the visit's date in the hospital's zone, nothing a header could choke on. */
export function calendarFileName(appointment: Pick<CalendarAppointment, 'start'>, timeZone: string): string {
  return `appointment-${dateInZone(new Date(appointment.start), timeZone)}.ics`;
}
