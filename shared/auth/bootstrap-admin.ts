/**
 * The admin account comes from configuration, never from registration. At start-up the account named
 * by ADMIN_EMAIL is created, or its password brought in line with ADMIN_PASSWORD. In development with no
 * ADMIN_PASSWORD a password is generated and printed once; in production it must be set.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import { ConfigError } from '../config';
import { writeAudit } from '../db/audit';
import type { Database } from '../db/schema';
import { newId } from '../ids';
import type { Clock, Logger } from '../runtime/deps';
import type { PasswordHasher } from './passwords';
import { newSessionToken } from './tokens';

export interface AdminBootstrap {
  created: boolean;
  /** Set only when a password was generated: show it once, it is not stored anywhere in clear. */
  generatedPassword?: string;
}

export async function bootstrapAdmin(deps: {
  db: Kysely<Database>;
  passwords: PasswordHasher;
  clock: Clock;
  log: Logger;
  config: Config;
}): Promise<AdminBootstrap> {
  const { db, passwords, clock, config } = deps;
  const { email, name } = config.admin;
  const existing = await db.selectFrom('users').select(['id', 'role', 'password_hash']).where('email', '=', email).executeTakeFirst();
  if (existing && existing.role !== 'admin') {
    throw new ConfigError('ADMIN_EMAIL', `an address not already used by a ${existing.role} account`);
  }
  const now = clock().toISOString();
  let password = config.admin.password;
  let generatedPassword: string | undefined;

  if (existing) {
    if (password && !(await passwords.verify(existing.password_hash, password))) {
      await db.updateTable('users').set({ password_hash: await passwords.hash(password), updated_at: now }).where('id', '=', existing.id).execute();
      await writeAudit(db, { at: clock(), actorId: null, action: 'admin_password_from_config', entity: 'user', entityId: existing.id });
    }
    return { created: false };
  }

  if (!password) {
    if (config.env === 'production') throw new ConfigError('ADMIN_PASSWORD', 'set in production (8 to 128 characters)');
    password = generatedPassword = newSessionToken().slice(0, 20);
  }
  const id = newId();
  await db
    .insertInto('users')
    .values({ id, role: 'admin', email, name, password_hash: await passwords.hash(password), status: 'active', created_at: now, updated_at: now })
    .execute();
  await writeAudit(db, { at: clock(), actorId: null, action: 'admin_created_from_config', entity: 'user', entityId: id });
  return generatedPassword ? { created: true, generatedPassword } : { created: true };
}
