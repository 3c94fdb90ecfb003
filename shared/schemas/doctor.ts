/**
 * The doctor's side (API.md "Doctor"): appointments as a doctor sees them, the dashboard, completing a
 * visit (the treatment), the doctor's patients and a patient's history. Pure valibot, shared with the web
 * app's forms.
 */
import * as v from 'valibot';
import { PatientProfile } from './patient';
import { APPOINTMENT_STATUSES, CancelAppointmentInput, TreatmentDto } from './booking';
import { CalendarDate } from './dates';
import { PageQuery } from './lists';
import { MultilineText, Text } from './text';

/** An appointment as its doctor sees it; `treatmentId` once completed. */
export const DoctorAppointmentDto = v.object({
  id: v.string(),
  patientId: v.string(),
  patientName: v.string(),
  start: v.string(),
  end: v.string(),
  status: v.picklist(APPOINTMENT_STATUSES),
  reason: v.nullable(v.string()),
  cancelReason: v.nullable(v.string()),
  treatmentId: v.nullable(v.string()),
});
export type DoctorAppointmentDto = v.InferOutput<typeof DoctorAppointmentDto>;

export const DoctorDashboard = v.object({
  today: v.array(DoctorAppointmentDto),
  week: v.array(DoctorAppointmentDto),
  patientCount: v.number(),
});
export type DoctorDashboard = v.InferOutput<typeof DoctorDashboard>;

/** `GET /api/doctor/appointments`: `from`/`to` are calendar dates in the hospital's zone, both included. */
export const DoctorAppointmentsQuery = v.pipe(
  v.object({
    status: v.optional(v.picklist(APPOINTMENT_STATUSES)),
    from: v.optional(CalendarDate),
    to: v.optional(CalendarDate),
    ...PageQuery,
  }),
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => !q.from || !q.to || q.from <= q.to, 'must not be before from'),
    ['to'],
  ),
);
export type DoctorAppointmentsQuery = v.InferOutput<typeof DoctorAppointmentsQuery>;

/** A treatment as its doctor sees it: the treatment and whose visit it records. */
export const DoctorTreatmentDto = v.object({
  ...TreatmentDto.entries,
  appointmentId: v.string(),
  patientId: v.string(),
  authorId: v.string(),
});
export type DoctorTreatmentDto = v.InferOutput<typeof DoctorTreatmentDto>;

/** The answer of completing a visit: the appointment, now completed, with its treatment. */
export const DoctorAppointmentDetail = v.object({ ...DoctorAppointmentDto.entries, treatment: v.nullable(DoctorTreatmentDto) });
export type DoctorAppointmentDetail = v.InferOutput<typeof DoctorAppointmentDetail>;

export const Diagnosis = MultilineText(2000);
export const Prescription = MultilineText(4000);
export const ClinicalNotes = MultilineText(4000);
/** A real date; "not in the past" needs the clock, so the function checks it. */
export const NextVisit = CalendarDate;

export const CompleteAppointmentInput = v.object({
  diagnosis: Diagnosis,
  prescription: v.optional(v.nullable(Prescription)),
  notes: v.optional(v.nullable(ClinicalNotes)),
  nextVisit: v.optional(v.nullable(NextVisit)),
});
export type CompleteAppointmentInput = v.InferOutput<typeof CompleteAppointmentInput>;

/** `POST /api/doctor/appointments/:id/cancel`: the same body as the patient's. */
export const DoctorCancelInput = CancelAppointmentInput;

export const TREATMENT_FIELDS = ['diagnosis', 'prescription', 'notes', 'nextVisit'] as const;
export type TreatmentField = (typeof TREATMENT_FIELDS)[number];

/**
 * `PATCH /api/doctor/treatments/:id`: any of the clinical fields, at least one; `null` clears one (not the
 * diagnosis). Strict: any other field (`patientId`, `appointmentId` …) is refused by name, never ignored.
 */
export const UpdateTreatmentInput = v.pipe(
  v.strictObject({
    diagnosis: v.optional(Diagnosis),
    prescription: v.optional(v.nullable(Prescription)),
    notes: v.optional(v.nullable(ClinicalNotes)),
    nextVisit: v.optional(v.nullable(NextVisit)),
  }),
  v.check((input) => TREATMENT_FIELDS.some((field) => input[field] !== undefined), `must change at least one of ${TREATMENT_FIELDS.join(', ')}`),
);
export type UpdateTreatmentInput = v.InferOutput<typeof UpdateTreatmentInput>;

export const DoctorPatientsQuery = v.object({ q: v.optional(Text(100)), ...PageQuery });
export type DoctorPatientsQuery = v.InferOutput<typeof DoctorPatientsQuery>;

/** One of the doctor's patients; `lastVisit` (a completed visit) and `nextVisit` (a booked one to come) are instants. */
export const DoctorPatientDto = v.object({
  ...v.pick(PatientProfile, ['id', 'name', 'email', 'phone', 'dateOfBirth', 'gender']).entries,
  lastVisit: v.nullable(v.string()),
  nextVisit: v.nullable(v.string()),
});
export type DoctorPatientDto = v.InferOutput<typeof DoctorPatientDto>;

/** One treatment of a patient's history as a doctor reads it (every doctor's treatments). */
export const PatientHistoryItem = v.object({
  appointmentId: v.string(),
  date: v.string(),
  doctorName: v.string(),
  departmentName: v.string(),
  diagnosis: v.string(),
  prescription: v.nullable(v.string()),
  notes: v.nullable(v.string()),
  nextVisit: v.nullable(v.string()),
  treatmentId: v.string(),
  authorId: v.string(),
});
export type PatientHistoryItem = v.InferOutput<typeof PatientHistoryItem>;

export const PatientHistoryResponse = v.object({
  patient: v.object({ id: v.string(), name: v.string() }),
  items: v.array(PatientHistoryItem),
  total: v.number(),
});
export type PatientHistoryResponse = v.InferOutput<typeof PatientHistoryResponse>;
