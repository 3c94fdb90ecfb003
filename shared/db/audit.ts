/**
 * The audit trail (ARCHITECTURE rule 8). Call it inside the same transaction as the change it
 * records. `detail` holds ids and field names only, never clinical values or passwords.
 * `actorId` is who did it (null when nobody is signed in: a failed sign-in records the account as the
 * subject, `entityId`, never as the actor); `ip` and `userAgent` say where from (`requestSource(c)`).
 */
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../ids';
import { validAddress } from '../net/trust-proxy';
import type { Database } from './schema';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Record<string, string | number | boolean | string[]>;
}

export async function writeAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: entry.at.toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      // Whatever the caller passed, only a real address is stored.
      ip: validAddress(entry.ip),
      user_agent: entry.userAgent?.slice(0, 256) ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
