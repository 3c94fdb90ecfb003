/**
 * A patient's profile: their account (name, email) with their `patients` row. Read by the patient's own
 * profile endpoints; the admin's view of a patient will read the same shape.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { BLOOD_GROUPS, type BloodGroup, type PatientProfile } from '../schemas/patient';
import { GENDERS } from '../schemas/auth';

type Db = Kysely<Database> | Transaction<Database>;

/** The profile of the patient with this user id, or undefined when there is no such patient. */
export async function loadProfile(db: Db, patientId: string): Promise<PatientProfile | undefined> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('patients as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'p.phone', 'p.date_of_birth', 'p.gender', 'p.address', 'p.blood_group'])
    .where('u.id', '=', patientId)
    .where('u.role', '=', 'patient')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone ?? null,
    dateOfBirth: row.date_of_birth ?? null,
    gender: oneOf(GENDERS, row.gender),
    address: row.address ?? null,
    bloodGroup: oneOf(BLOOD_GROUPS, row.blood_group) as BloodGroup | null,
  };
}

/** A stored value the answer's schema allows, or null (a value written by hand that no longer fits). */
function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | null {
  return value != null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
