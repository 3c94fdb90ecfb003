/**
 * The patient's own record (API.md "Patient"): the profile, its update, the history of treatments and the
 * access log. Pure valibot, shared with the web app's forms. The profile's fields reuse registration's.
 */
import * as v from 'valibot';
import { DateOfBirth, Gender, GENDERS, PersonName, Phone } from './auth';
import { APPOINTMENT_STATUSES } from './booking';
import { PageQuery } from './lists';
import { MultilineText } from './text';

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export const BloodGroup = v.picklist(BLOOD_GROUPS);
export type BloodGroup = v.InferOutput<typeof BloodGroup>;

export const Address = MultilineText(300);

export const PatientProfile = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
  phone: v.nullable(v.string()),
  dateOfBirth: v.nullable(v.string()),
  gender: v.nullable(v.picklist(GENDERS)),
  address: v.nullable(v.string()),
  bloodGroup: v.nullable(BloodGroup),
});
export type PatientProfile = v.InferOutput<typeof PatientProfile>;

/** The fields a patient may change themself, each optional; `null` clears one (not the name). */
export const PROFILE_FIELDS = ['name', 'phone', 'dateOfBirth', 'gender', 'address', 'bloodGroup'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Sent at all (even `null`), the field is refused: the account's id and email are not changed here. */
const Unchangeable = v.optional(v.pipe(v.never('cannot be changed here'), v.description('Not changed here: sending it at all is 400.')));

export const UpdateProfileInput = v.pipe(
  v.object({
    name: v.optional(PersonName),
    phone: v.optional(v.nullable(Phone)),
    dateOfBirth: v.optional(v.nullable(DateOfBirth)),
    gender: v.optional(v.nullable(Gender)),
    address: v.optional(v.nullable(Address)),
    bloodGroup: v.optional(v.nullable(BloodGroup)),
    id: Unchangeable,
    email: Unchangeable,
  }),
  v.check(
    (input) => PROFILE_FIELDS.some((field) => input[field] !== undefined),
    `must change at least one of ${PROFILE_FIELDS.join(', ')}`,
  ),
);
export type UpdateProfileInput = v.InferOutput<typeof UpdateProfileInput>;

export const APPOINTMENT_WHEN = ['upcoming', 'past'] as const;

export const PatientAppointmentsQuery = v.object({
  status: v.optional(v.picklist(APPOINTMENT_STATUSES)),
  when: v.optional(v.picklist(APPOINTMENT_WHEN)),
  ...PageQuery,
});
export type PatientAppointmentsQuery = v.InferOutput<typeof PatientAppointmentsQuery>;

export const PageOnlyQuery = v.object({ ...PageQuery });

/** One treatment as the patient's history shows it; `date` is the visit's calendar date in the hospital's zone. */
export const HistoryEntry = v.object({
  appointmentId: v.string(),
  date: v.string(),
  doctorName: v.string(),
  departmentName: v.string(),
  diagnosis: v.string(),
  prescription: v.nullable(v.string()),
  notes: v.nullable(v.string()),
  nextVisit: v.nullable(v.string()),
});
export type HistoryEntry = v.InferOutput<typeof HistoryEntry>;

/** Who looked at or changed the record. `actorName` is null for the system itself (no one signed in). */
export const AccessLogEntry = v.object({
  at: v.string(),
  actorName: v.nullable(v.string()),
  actorRole: v.nullable(v.picklist(['admin', 'doctor', 'patient'])),
  action: v.string(),
  outcome: v.string(),
});
export type AccessLogEntry = v.InferOutput<typeof AccessLogEntry>;
