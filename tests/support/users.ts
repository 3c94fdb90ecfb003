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
