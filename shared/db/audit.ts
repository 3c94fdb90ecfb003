/**
 * The audit trail (ARCHITECTURE rule 8). Call it inside the same transaction as the change it
 * records. `detail` holds ids and field names only, never clinical values or passwords.
 */
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../ids';
import type { Database } from './schema';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  ip?: string | null;
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
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
