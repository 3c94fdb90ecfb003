/**
 * Patients as the administrator sees them (API.md "Admin"): the profile with the account's status. The search
 * (`q`: a part of the name, email, phone or id, any letter case) is `lower(col) like '%q%'` on each column,
 * served on PostgreSQL by trigram GIN indexes, on SQLite by an FTS5 trigram table (`patient_search`, kept by
 * triggers) for three characters or more, and by a plain scan otherwise and on D1 (ADR 022).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isPostgres } from '../db/dialect';
import { containsIgnoringCase } from '../booking/catalog';
import type { Database, UserStatus } from '../db/schema';
import { GENDERS } from '../schemas/auth';
import type { AdminPatientDto } from '../schemas/admin';
import { BLOOD_GROUPS, type BloodGroup } from '../schemas/patient';

type Db = Kysely<Database> | Transaction<Database>;

const searchTables = new WeakMap<object, Promise<boolean>>();

/**
 * Whether this database has the SQLite trigram table of the patient search (migration
 * 2026-12-01-002-patient-search-fts: Node's SQLite has it; PostgreSQL and D1 do not). Asked once per handle.
 */
export function hasPatientSearchTable(db: Kysely<Database>): Promise<boolean> {
  let known = searchTables.get(db);
  if (!known) {
    known = isPostgres(db)
      ? Promise.resolve(false)
      : sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'patient_search'`
          .execute(db)
          .then((r) => Number(r.rows[0]?.n ?? 0) > 0);
    searchTables.set(db, known);
  }
  return known;
}

export function adminPatients(db: Db, filter: { q?: string; status?: UserStatus; trigramTable?: boolean } = {}) {
  const q = filter.q;
  // Three characters or more, without LIKE's own wildcards: the trigram table answers from its index.
  const trigram = Boolean(q && filter.trigramTable && q.length >= 3 && !/[%_\\]/.test(q));
  let query = db
    .selectFrom('users as u')
    .leftJoin('patients as p', 'p.user_id', 'u.id')
    // With the trigram table, SQLite must start from its matches, not from every patient by the role index:
    // a unary + keeps the role test off the index (SQLite's documented way; the table exists only there).
    .where(trigram ? sql<boolean>`+u.role = 'patient'` : sql<boolean>`u.role = 'patient'`);
  if (filter.status) query = query.where('u.status', '=', filter.status);
  if (q && trigram) {
    const pattern = `%${q.toLowerCase()}%`;
    query = query.where(sql<boolean>`u.id in (select user_id from patient_search where text like ${pattern})`);
  } else if (q) {
    // One subquery per column, joined by UNION: each can use its own index (a trigram GIN index on PostgreSQL),
    // where one OR across the join would scan.
    // A column that cannot hold one of q's characters is not asked (issue 12: on PostgreSQL each trigram index
    // scan costs some milliseconds at 100,000 patients): ids are UUIDs (hex digits and dashes), and phones
    // hold only what the Phone schema allows (digits, spaces and + ( ) - . /).
    const couldBeId = /^[0-9a-f-]+$/i.test(q);
    const couldBePhone = /^[0-9 ()./+-]+$/.test(q);
    query = query.where('u.id', 'in', () => {
      let ids = db
        .selectFrom('users')
        .select('id')
        .where(containsIgnoringCase('name', q))
        .union(db.selectFrom('users').select('id').where(containsIgnoringCase('email', q)));
      if (couldBeId) ids = ids.union(db.selectFrom('users').select('id').where(containsIgnoringCase('id', q)));
      if (couldBePhone) ids = ids.union(db.selectFrom('patients').select('user_id as id').where(containsIgnoringCase('phone', q)));
      return ids;
    });
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
