/** Creates users straight in the database for tests, with real argon2 hashes. */
import type { Deps } from '../../shared/runtime/deps';
import type { Role } from '../../shared/db/schema';
import { newId } from '../../shared/ids';

export async function createUser(
  deps: Deps,
  fields: { role?: Role; email?: string; name?: string; password?: string; status?: 'active' | 'blacklisted' } = {},
) {
  const id = newId();
  const role = fields.role ?? 'patient';
  const email = fields.email ?? `${role}.${id}@example.org`;
  const password = fields.password ?? `pass phrase for ${id}`;
  const at = deps.clock().toISOString();
  await deps.db
    .insertInto('users')
    .values({ id, role, email, name: fields.name ?? `Test ${role}`, password_hash: await deps.passwords.hash(password), status: fields.status ?? 'active', created_at: at, updated_at: at })
    .execute();
  if (role === 'patient') {
    await deps.db.insertInto('patients').values({ user_id: id, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: at, updated_at: at }).execute();
  }
  return { id, role, email, password };
}

/**
 * Many patients straight into the database, ten to an INSERT (no argon2, no throttle): they act through
 * sessions made with `sessionCookie` (tests/support/booking.ts). Answers their ids and emails.
 */
export async function insertPatients(deps: Pick<Deps, 'db'>, count: number, at = new Date().toISOString()): Promise<Array<{ id: string; email: string }>> {
  const rows = Array.from({ length: count }, () => {
    const id = newId();
    return { id, email: `patient.${id}@example.org` };
  });
  for (let i = 0; i < rows.length; i += 10) {
    const chunk = rows.slice(i, i + 10);
    await deps.db
      .insertInto('users')
      .values(chunk.map((r) => ({ id: r.id, role: 'patient' as const, email: r.email, name: 'Test Patient', password_hash: 'not a hash', status: 'active' as const, created_at: at, updated_at: at })))
      .execute();
    await deps.db
      .insertInto('patients')
      .values(chunk.map((r) => ({ user_id: r.id, phone: null, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: at, updated_at: at })))
      .execute();
  }
  return rows;
}
