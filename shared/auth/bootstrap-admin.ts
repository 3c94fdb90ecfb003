/**
 * The admin account comes from configuration, never from registration (ADR 011). At start-up:
 * - the account named by ADMIN_EMAIL is created, or brought in line with ADMIN_PASSWORD and ADMIN_NAME;
 *   a changed password ends that admin's sessions (whoever knew the old one is signed out);
 * - an admin account that an earlier ADMIN_EMAIL created is disabled and its sessions ended, so a
 *   changed email never leaves two admins; naming it again later brings it back;
 * - with no ADMIN_PASSWORD (development only) a password is generated and printed. Until the admin has
 *   signed in once, every start prints a new one: a first start that failed after printing it, or a
 *   terminal closed too soon, never locks the hospital out. `npm run admin:password` sets a new one.
 * ADMIN_PASSWORD itself passes the password policy (checked with the rest of the configuration).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import { ConfigError } from '../config';
import { writeAudit } from '../db/audit';
import type { Database } from '../db/schema';
import { newId } from '../ids';
import type { Clock, Logger } from '../runtime/deps';
import { passwordProblem } from './password-policy';
import type { PasswordHasher } from './passwords';
import type { SessionManager } from './sessions';
import { newSessionToken } from './tokens';

export interface AdminBootstrap {
  created: boolean;
  /** Set only when a password was generated: show it once, it is not stored anywhere in clear. */
  generatedPassword?: string;
  /** Emails of admin accounts disabled because ADMIN_EMAIL no longer names them. */
  retired: string[];
}

interface BootstrapDeps {
  db: Kysely<Database>;
  passwords: PasswordHasher;
  sessions: SessionManager;
  clock: Clock;
  log: Logger;
  config: Config;
}

/** A random password that passes the policy (20 base32 characters: 100 bits). */
export function generatePassword(config: Config): string {
  for (;;) {
    const password = newSessionToken().slice(0, 20);
    if (!passwordProblem(password, { email: config.admin.email, name: config.admin.name, hospitalName: config.hospitalName })) return password;
  }
}

/** Sets the admin's password and ends every session they had. */
export async function setAdminPassword(deps: BootstrapDeps, userId: string, password: string, action: string): Promise<void> {
  const { db, passwords, sessions, clock } = deps;
  await db.updateTable('users').set({ password_hash: await passwords.hash(password), updated_at: clock().toISOString() }).where('id', '=', userId).execute();
  await sessions.invalidateUser(userId);
  await writeAudit(db, { at: clock(), actorId: null, action, entity: 'user', entityId: userId });
}

async function hasSignedIn(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('audit_log').select('id').where('action', '=', 'login').where('entity_id', '=', userId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Disables every other admin account (all of them came from an earlier ADMIN_EMAIL). */
async function retireOtherAdmins(deps: BootstrapDeps, keepEmail: string): Promise<string[]> {
  const { db, sessions, clock, log } = deps;
  const others = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('email', '!=', keepEmail)
    .execute();
  for (const other of others) {
    await db.updateTable('users').set({ status: 'blacklisted', updated_at: clock().toISOString() }).where('id', '=', other.id).execute();
    await sessions.invalidateUser(other.id);
    await writeAudit(db, { at: clock(), actorId: null, action: 'admin_retired_by_config', entity: 'user', entityId: other.id });
    log.warn('ADMIN_EMAIL changed: the admin account of the old address is disabled and its sessions ended', { email: other.email, now: keepEmail });
  }
  return others.map((o) => o.email);
}

export async function bootstrapAdmin(deps: BootstrapDeps): Promise<AdminBootstrap> {
  const { db, passwords, clock, config } = deps;
  const { email, name } = config.admin;
  const existing = await db.selectFrom('users').select(['id', 'role', 'name', 'status', 'password_hash']).where('email', '=', email).executeTakeFirst();
  if (existing && existing.role !== 'admin') {
    throw new ConfigError('ADMIN_EMAIL', `an address not already used by a ${existing.role} account`);
  }
  const retired = await retireOtherAdmins(deps, email);
  const configured = config.admin.password;

  if (existing) {
    const now = clock().toISOString();
    if (existing.status !== 'active') {
      await db.updateTable('users').set({ status: 'active', updated_at: now }).where('id', '=', existing.id).execute();
      await writeAudit(db, { at: clock(), actorId: null, action: 'admin_restored_from_config', entity: 'user', entityId: existing.id });
    }
    if (existing.name !== name) await db.updateTable('users').set({ name, updated_at: now }).where('id', '=', existing.id).execute();
    if (configured) {
      if (!(await passwords.verify(existing.password_hash, configured))) {
        await setAdminPassword(deps, existing.id, configured, 'admin_password_from_config');
      }
      return { created: false, retired };
    }
    // Production never generates one (and an existing admin keeps theirs).
    if (config.env === 'production' || (await hasSignedIn(db, existing.id))) return { created: false, retired };
    // Never signed in: whoever saw the last generated password did not use it. Print a new one.
    const generatedPassword = generatePassword(config);
    await setAdminPassword(deps, existing.id, generatedPassword, 'admin_password_generated');
    return { created: false, generatedPassword, retired };
  }

  if (!configured && config.env === 'production') throw new ConfigError('ADMIN_PASSWORD', 'set in production (8 to 128 characters)');
  const generatedPassword = configured ? undefined : generatePassword(config);
  const id = newId();
  const now = clock().toISOString();
  const inserted = await db
    .insertInto('users')
    .values({ id, role: 'admin', email, name, password_hash: await passwords.hash(configured ?? generatedPassword!), status: 'active', created_at: now, updated_at: now })
    // Several machines starting at once on one database (docs/deploy.md) all find no admin; one insert wins.
    // The others see the winner's account on a second look, as a later start would.
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 1n) === 0) return bootstrapAdmin(deps);
  await writeAudit(db, { at: clock(), actorId: null, action: 'admin_created_from_config', entity: 'user', entityId: id });
  return generatedPassword ? { created: true, generatedPassword, retired } : { created: true, retired };
}
