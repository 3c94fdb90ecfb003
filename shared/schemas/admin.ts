/**
 * The administrator's shapes (API.md "Admin"): users with their status, departments, doctors, patients and
 * appointments as an admin sees them, with the query strings that list them. Pure valibot.
 */
import * as v from 'valibot';
import { SLOT_MINUTES_MAX, SLOT_MINUTES_MIN } from './availability';
import { APPOINTMENT_STATUSES } from './booking';
import { Email, NewPassword, PersonName } from './auth';
import { CalendarDate } from './dates';
import { ListOf, PageQuery } from './lists';
import { PatientProfile } from './patient';
import { Text, MultilineText } from './text';

export const USER_STATUSES = ['active', 'blacklisted'] as const;
export const DOCTOR_STATUSES = ['active', 'blacklisted', 'removed'] as const;

/** A user as the admin sees them: with `status`. */
export const AdminUserDto = v.object({
  id: v.string(),
  role: v.picklist(['admin', 'doctor', 'patient']),
  name: v.string(),
  email: v.string(),
  status: v.picklist(USER_STATUSES),
});
export type AdminUserDto = v.InferOutput<typeof AdminUserDto>;

/** An empty parameter (`?q=`, as a form sends it) is no filter at all. */
export const optionalFilter = (max: number) =>
  v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.transform((s) => (s === '' ? undefined : s)),
  );

const optionalChoice = <T extends readonly [string, ...string[]]>(choices: T) =>
  v.pipe(
    v.optional(v.string(), ''),
    v.transform((s) => (s === '' ? undefined : s)),
    v.optional(v.picklist(choices, `must be one of ${choices.join(', ')}`)),
  );

export const DepartmentName = Text(100);
export const DepartmentDescription = MultilineText(1000);

export const CreateDepartmentInput = v.object({
  name: DepartmentName,
  description: v.optional(v.nullable(DepartmentDescription)),
});
export type CreateDepartmentInput = v.InferOutput<typeof CreateDepartmentInput>;

export const UpdateDepartmentInput = v.pipe(
  v.object({
    name: v.optional(DepartmentName),
    description: v.optional(v.nullable(DepartmentDescription)),
  }),
  v.check((input) => input.name !== undefined || input.description !== undefined, 'must change name or description'),
);
export type UpdateDepartmentInput = v.InferOutput<typeof UpdateDepartmentInput>;

export const AdminDepartmentListQuery = v.object({ q: optionalFilter(100), ...PageQuery });

export const AdminDoctorDto = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
  departmentId: v.string(),
  departmentName: v.string(),
  specialization: v.string(),
  experienceYears: v.nullable(v.number()),
  bio: v.nullable(v.string()),
  slotMinutes: v.number(),
  status: v.picklist(DOCTOR_STATUSES),
  createdAt: v.string(),
});
export type AdminDoctorDto = v.InferOutput<typeof AdminDoctorDto>;

/** One doctor by id: the list's fields and whether two-step sign-in is on (an addition to API.md). */
export const AdminDoctorDetail = v.object({ ...AdminDoctorDto.entries, mfaEnabled: v.boolean() });
export type AdminDoctorDetail = v.InferOutput<typeof AdminDoctorDetail>;
export const AdminDoctorList = ListOf(AdminDoctorDto);
export type AdminDoctorList = v.InferOutput<typeof AdminDoctorList>;

export const AdminDoctorListQuery = v.object({
  q: optionalFilter(100),
  departmentId: optionalFilter(100),
  status: optionalChoice(DOCTOR_STATUSES),
  ...PageQuery,
});

/** Sent at all (even `null`), the field is refused: not changed here. */
const Unchangeable = v.optional(v.pipe(v.never('cannot be changed here'), v.description('Not changed here: sending it at all is 400.')));

const IdField = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(100));
export const Specialization = Text(100);
export const ExperienceYears = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be at least 0'), v.maxValue(80, 'must be at most 80'));
export const Bio = MultilineText(2000);
export const SlotMinutes = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(SLOT_MINUTES_MIN, `must be at least ${SLOT_MINUTES_MIN}`), v.maxValue(SLOT_MINUTES_MAX, `must be at most ${SLOT_MINUTES_MAX}`));

export const DOCTOR_PROFILE_FIELDS = ['name', 'departmentId', 'specialization', 'experienceYears', 'bio', 'slotMinutes'] as const;

export const UpdateDoctorInput = v.pipe(
  v.object({
    name: v.optional(PersonName),
    departmentId: v.optional(IdField),
    specialization: v.optional(Specialization),
    experienceYears: v.optional(v.nullable(ExperienceYears)),
    bio: v.optional(v.nullable(Bio)),
    slotMinutes: v.optional(SlotMinutes),
    email: Unchangeable,
    password: Unchangeable,
    role: Unchangeable,
    id: Unchangeable,
  }),
  v.check((input) => DOCTOR_PROFILE_FIELDS.some((f) => input[f] !== undefined), 'must change at least one field'),
);
export type UpdateDoctorInput = v.InferOutput<typeof UpdateDoctorInput>;

export const AdminPatientDto = v.object({
  ...PatientProfile.entries,
  status: v.picklist(USER_STATUSES),
  createdAt: v.string(),
});
export type AdminPatientDto = v.InferOutput<typeof AdminPatientDto>;
export const AdminPatientList = ListOf(AdminPatientDto);
export type AdminPatientList = v.InferOutput<typeof AdminPatientList>;

export const AdminPatientDetail = v.object({
  ...AdminPatientDto.entries,
  appointments: v.object({ total: v.number(), booked: v.number(), completed: v.number(), cancelled: v.number() }),
  /** Whether two-step sign-in is on (an addition to API.md): the admin page offers to remove it. */
  mfaEnabled: v.boolean(),
});
export type AdminPatientDetail = v.InferOutput<typeof AdminPatientDetail>;

export const AdminPatientListQuery = v.object({
  q: optionalFilter(100),
  status: optionalChoice(USER_STATUSES),
  ...PageQuery,
});

export const AdminAppointmentDto = v.object({
  id: v.string(),
  doctorId: v.string(),
  doctorName: v.string(),
  patientId: v.string(),
  patientName: v.string(),
  departmentId: v.string(),
  departmentName: v.string(),
  start: v.string(),
  end: v.string(),
  status: v.picklist(APPOINTMENT_STATUSES),
  reason: v.nullable(v.string()),
  cancelReason: v.nullable(v.string()),
  cancelledBy: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type AdminAppointmentDto = v.InferOutput<typeof AdminAppointmentDto>;
export const AdminAppointmentList = ListOf(AdminAppointmentDto);
export type AdminAppointmentList = v.InferOutput<typeof AdminAppointmentList>;

export const AdminAppointmentListQuery = v.pipe(
  v.object({
    status: optionalChoice(APPOINTMENT_STATUSES),
    from: v.optional(CalendarDate),
    to: v.optional(CalendarDate),
    doctorId: optionalFilter(100),
    patientId: optionalFilter(100),
    ...PageQuery,
  }),
  v.forward(
    v.partialCheck([['from'], ['to']], (range) => !range.from || !range.to || range.from <= range.to, 'must not be before from'),
    ['to'],
  ),
);

export const CreateDoctorInput = v.object({
  name: PersonName,
  email: Email,
  password: NewPassword,
  departmentId: IdField,
  specialization: Specialization,
  experienceYears: v.optional(v.nullable(ExperienceYears)),
  bio: v.optional(v.nullable(Bio)),
  slotMinutes: v.optional(SlotMinutes),
});
export type CreateDoctorInput = v.InferOutput<typeof CreateDoctorInput>;

