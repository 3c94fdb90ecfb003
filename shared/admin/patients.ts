/**
 * Patients as the administrator sees them (API.md "Admin"): the profile with the account's status. The search
 * (`q`: a part of the name, email, phone or id, any letter case) is `lower(col) like '%q%'` on each column,
 * served on PostgreSQL by trigram GIN indexes and a plain scan on SQLite and D1 (ADR 022).
 */
import type { Kysely, Transaction } from 'kysely';
import { containsIgnoringCase } from '../booking/catalog';
import type { Database, UserStatus } from '../db/schema';
import { GENDERS } from '../schemas/auth';
import type { AdminPatientDto } from '../schemas/admin';
import { BLOOD_GROUPS, type BloodGroup } from '../schemas/patient';

type Db = Kysely<Database> | Transaction<Database>;

export function adminPatients(db: Db, filter: { q?: string; status?: UserStatus } = {}) {
  let query = db.selectFrom('users as u').leftJoin('patients as p', 'p.user_id', 'u.id').where('u.role', '=', 'patient');
  if (filter.status) query = query.where('u.status', '=', filter.status);
  const q = filter.q;
  if (q) {
    // One subquery per column, joined by UNION: each can use its own index (a trigram GIN index on PostgreSQL),
    // where one OR across the join would scan.
    query = query.where('u.id', 'in', () =>
      db
        .selectFrom('users')
        .select('id')
        .where(containsIgnoringCase('name', q))
        .union(db.selectFrom('users').select('id').where(containsIgnoringCase('email', q)))
        .union(db.selectFrom('users').select('id').where(containsIgnoringCase('id', q)))
        .union(db.selectFrom('patients').select('user_id as id').where(containsIgnoringCase('phone', q))),
    );
  }
  return query;
}

export const ADMIN_PATIENT_FIELDS = [
  'u.id',
  'u.name',
  'u.email',
  'u.status',
  'u.created_at',
  'p.phone',
  'p.date_of_birth',
  'p.gender',
  'p.address',
  'p.blood_group',
] as const;

export function toAdminPatientDto(row: {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  created_at: string;
  phone: string | null;
  date_of_birth: string | null;
  gender: string | null;
  address: string | null;
  blood_group: string | null;
}): AdminPatientDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone ?? null,
    dateOfBirth: row.date_of_birth ?? null,
    gender: oneOf(GENDERS, row.gender),
    address: row.address ?? null,
    bloodGroup: oneOf(BLOOD_GROUPS, row.blood_group) as BloodGroup | null,
    status: row.status,
    createdAt: row.created_at,
  };
}

export async function loadAdminPatient(db: Db, id: string): Promise<AdminPatientDto | undefined> {
  const row = await adminPatients(db).select(ADMIN_PATIENT_FIELDS).where('u.id', '=', id).executeTakeFirst();
  return row ? toAdminPatientDto(row) : undefined;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | null {
  return value != null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
