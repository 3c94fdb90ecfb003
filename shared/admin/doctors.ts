/**
 * Doctors as the administrator sees them (API.md "Admin"): every doctor, blacklisted and removed ones too,
 * with their email and a `status`: `removed` once soft-deleted, else the account's status.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, UserStatus } from '../db/schema';
import type { AdminDoctorDto } from '../schemas/admin';

type Db = Kysely<Database> | Transaction<Database>;

/** Every doctor joined with their account and department; add `where`, then select `ADMIN_DOCTOR_FIELDS`. */
export function adminDoctors(db: Db) {
  return db
    .selectFrom('doctors')
    .innerJoin('users', 'users.id', 'doctors.user_id')
    .innerJoin('departments as dep', 'dep.id', 'doctors.department_id');
}

export const ADMIN_DOCTOR_FIELDS = [
  'doctors.user_id as id',
  'users.name as name',
  'users.email as email',
  'users.status as user_status',
  'doctors.deleted_at as deleted_at',
  'doctors.department_id as department_id',
  'dep.name as department_name',
  'doctors.specialization as specialization',
  'doctors.experience_years as experience_years',
  'doctors.bio as bio',
  'doctors.slot_minutes as slot_minutes',
  'doctors.created_at as created_at',
] as const;

export interface AdminDoctorRow {
  id: string;
  name: string;
  email: string;
  user_status: UserStatus;
  deleted_at: string | null;
  department_id: string;
  department_name: string;
  specialization: string;
  experience_years: number | null;
  bio: string | null;
  slot_minutes: number;
  created_at: string;
}

export function toAdminDoctorDto(row: AdminDoctorRow): AdminDoctorDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    departmentId: row.department_id,
    departmentName: row.department_name,
    specialization: row.specialization,
    experienceYears: row.experience_years === null ? null : Number(row.experience_years),
    bio: row.bio,
    slotMinutes: Number(row.slot_minutes),
    status: row.deleted_at !== null ? 'removed' : row.user_status,
    createdAt: row.created_at,
  };
}

export async function loadAdminDoctor(db: Db, id: string): Promise<AdminDoctorDto | undefined> {
  const row = await adminDoctors(db).select(ADMIN_DOCTOR_FIELDS).where('doctors.user_id', '=', id).executeTakeFirst();
  return row ? toAdminDoctorDto(row) : undefined;
}
