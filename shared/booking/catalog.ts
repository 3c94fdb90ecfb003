/**
 * The public catalogue's queries (API.md "Public catalogue"): departments with how many doctors take
 * bookings in each, and bookable doctors with their department's name. A blacklisted or removed doctor is
 * never part of it (shared/booking/schedules.ts `bookableDoctors`).
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { DepartmentDto, DoctorDto } from '../schemas/catalog';
import { bookableDoctors } from './schedules';

type Db = Kysely<Database> | Transaction<Database>;

/** Departments with their count of bookable doctors; add `where`, order and paging. */
export function catalogDepartments(db: Db) {
  return db
    .selectFrom('departments as dep')
    .select((eb) => [
      'dep.id',
      'dep.name',
      'dep.description',
      // The same rule as bookableDoctors(), correlated with the department.
      eb
        .selectFrom('doctors')
        .innerJoin('users', 'users.id', 'doctors.user_id')
        .whereRef('doctors.department_id', '=', 'dep.id')
        .where('users.status', '=', 'active')
        .where('doctors.deleted_at', 'is', null)
        .select(eb.fn.countAll().as('n'))
        .as('doctor_count'),
    ]);
}

export function toDepartmentDto(row: { id: string; name: string; description: string | null; doctor_count: unknown }): DepartmentDto {
  // PostgreSQL answers count(*) as a bigint string.
  return { id: row.id, name: row.name, description: row.description, doctorCount: Number(row.doctor_count ?? 0) };
}

/** Bookable doctors joined with their name and department; add `where`, then select `DOCTOR_FIELDS`. */
export function catalogDoctors(db: Db) {
  return bookableDoctors(db).innerJoin('departments as dep', 'dep.id', 'doctors.department_id');
}

export const DOCTOR_FIELDS = [
  'doctors.user_id as id',
  'users.name as name',
  'doctors.department_id as department_id',
  'dep.name as department_name',
  'doctors.specialization as specialization',
  'doctors.experience_years as experience_years',
  'doctors.bio as bio',
  'doctors.slot_minutes as slot_minutes',
] as const;

export function toDoctorDto(row: {
  id: string;
  name: string;
  department_id: string;
  department_name: string;
  specialization: string;
  experience_years: number | null;
  bio: string | null;
  slot_minutes: number;
}): DoctorDto {
  return {
    id: row.id,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    specialization: row.specialization,
    experienceYears: row.experience_years === null ? null : Number(row.experience_years),
    bio: row.bio,
    slotMinutes: Number(row.slot_minutes),
  };
}

/**
 * `lower(column) like lower(pattern)` for a part of the text anywhere in the column, `%`, `_` and `\` in
 * the search taken literally. The same on SQLite, PostgreSQL and D1 (each lower-cases both sides alike).
 */
export function containsIgnoringCase(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}
