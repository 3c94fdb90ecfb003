/**
 * The booking core's shapes (API.md "Public catalogue", "Patient", "Doctor"): availability windows,
 * slots, appointments. Pure valibot, shared with the web app's forms.
 */
import * as v from 'valibot';
import { MultilineText } from './text';

/** `HH:MM` on a 24-hour clock in the hospital's zone. */
export const ClockTime = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (00:00 to 23:59)'));
/** A window's end may also be `24:00`, the end of the day. */
export const ClockTimeOrMidnight = v.pipe(v.string(), v.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time as HH:MM (00:00 to 24:00)'));

export const TimeWindowSchema = v.object({ start: ClockTime, end: ClockTimeOrMidnight });

/** An instant in UTC as API.md writes them (`2026-12-01T09:30:00.000Z`); any ISO-8601 offset is accepted. */
export const Instant = v.pipe(
  v.string(),
  v.isoTimestamp(),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time such as 2026-12-01T09:30:00.000Z'),
);

export const SlotDto = v.object({ start: v.string(), end: v.string() });
export type SlotDto = v.InferOutput<typeof SlotDto>;

export const APPOINTMENT_STATUSES = ['booked', 'completed', 'cancelled'] as const;

export const TreatmentDto = v.object({
  id: v.string(),
  diagnosis: v.string(),
  prescription: v.nullable(v.string()),
  notes: v.nullable(v.string()),
  nextVisit: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type TreatmentDto = v.InferOutput<typeof TreatmentDto>;

/** An appointment as its patient sees it. */
export const PatientAppointmentDto = v.object({
  id: v.string(),
  doctorId: v.string(),
  doctorName: v.string(),
  departmentName: v.string(),
  start: v.string(),
  end: v.string(),
  status: v.picklist(APPOINTMENT_STATUSES),
  reason: v.nullable(v.string()),
  cancelReason: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type PatientAppointmentDto = v.InferOutput<typeof PatientAppointmentDto>;

/** One appointment with its treatment once completed. */
export const PatientAppointmentDetail = v.object({ ...PatientAppointmentDto.entries, treatment: v.nullable(TreatmentDto) });
export type PatientAppointmentDetail = v.InferOutput<typeof PatientAppointmentDetail>;

export const Reason = MultilineText(500);

/** An id in a body: an opaque string (ids are never parsed), bounded so a huge one costs nothing. */
const IdField = v.pipe(v.string(), v.nonEmpty(), v.maxLength(100));

/** `POST /api/patient/appointments`. */
export const BookAppointmentInput = v.object({ doctorId: IdField, start: Instant, reason: v.optional(v.nullable(Reason)) });
export type BookAppointmentInput = v.InferOutput<typeof BookAppointmentInput>;

/** `POST /api/patient/appointments/:id/reschedule`. */
export const RescheduleAppointmentInput = v.object({ start: Instant });
export type RescheduleAppointmentInput = v.InferOutput<typeof RescheduleAppointmentInput>;

/** `POST /api/patient/appointments/:id/cancel`. */
export const CancelAppointmentInput = v.object({ reason: v.optional(v.nullable(Reason)) });
export type CancelAppointmentInput = v.InferOutput<typeof CancelAppointmentInput>;
