/**
 * The doctor form's text boxes as the API's input: numbers from what was typed ('' is none; anything not a
 * whole number is passed on as text so the shared schema names it "must be a number"), an empty bio as
 * none, and a department that must be chosen. Pure, so the form's conversions are tested apart from it.
 */
import type { FieldMessages } from './api';

export interface DoctorFormValues {
  name: string;
  email: string;
  password: string;
  departmentId: string;
  specialization: string;
  experienceYears: string;
  bio: string;
  slotMinutes: string;
}

export function numberOrText(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The body for POST /api/admin/doctors (before the schema checks it). */
export function createDoctorBody(values: DoctorFormValues): Record<string, unknown> {
  const slotMinutes = numberOrText(values.slotMinutes);
  return {
    name: values.name,
    email: values.email,
    password: values.password,
    departmentId: values.departmentId,
    specialization: values.specialization,
    experienceYears: numberOrText(values.experienceYears),
    bio: values.bio.trim() === '' ? null : values.bio,
    ...(slotMinutes === null ? {} : { slotMinutes }),
  };
}

/** The body for PATCH /api/admin/doctors/:id: the profile fields only (email and password are not changed there). */
export function updateDoctorBody(values: DoctorFormValues): Record<string, unknown> {
  const { email: _email, password: _password, ...profile } = createDoctorBody(values);
  return profile;
}

/** What the schema cannot say well: a department not chosen yet. */
export function doctorFormProblems(values: DoctorFormValues): FieldMessages {
  return values.departmentId === '' ? { departmentId: 'must be chosen' } : {};
}
