/**
 * A finished sign-in's audit row and, when the browser had never signed in to the account (no device
 * cookie for it: ADR 011), the new-device notice in the same transaction: an email naming the device, the
 * address and the time, with a link to the sessions page (jobs/email-account-notice.ts reads them from the
 * audit row; the job carries ids only).
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import { writeAudit } from '../db/audit';
import { JOBS, writeOutbox } from '../jobs/outbox';

export async function recordSignIn(
  db: Kysely<Database>,
  sign: { userId: string; role: Role; at: Date; ip: string | null; userAgent: string | null; knownDevice: boolean; detail?: Record<string, string> },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const auditId = await writeAudit(trx, {
      at: sign.at,
      actorId: sign.userId,
      actorRole: sign.role,
      action: 'login',
      entity: 'user',
      entityId: sign.userId,
      ip: sign.ip,
      userAgent: sign.userAgent,
      ...(sign.detail ? { detail: sign.detail } : {}),
    });
    if (!sign.knownDevice) await writeOutbox(trx, JOBS.accountNotice, { userId: sign.userId, event: 'new_device', auditId }, sign.at);
  });
}
