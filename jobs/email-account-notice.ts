/**
 * Processor: an account's security notice (shared/mail/messages/account-notice.ts). For a new device the
 * payload names the sign-in's audit row, which holds its address, user agent and time: the payload carries
 * ids only. One per event: the delivery key is the job id (the outbox id).
 */
import { deviceName } from '../shared/auth/device-name';
import { deliverOnce } from '../shared/mail/deliver-once';
import { ACCOUNT_EVENTS, accountNoticeEmail, type AccountEvent } from '../shared/mail/messages/account-notice';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload, job) => {
  if (!job?.id) throw new Error('an account notice needs its job id (the outbox id) as its delivery key');
  const event = String(payload.event ?? '') as AccountEvent;
  if (!ACCOUNT_EVENTS.includes(event)) throw new Error(`unknown account notice "${event}"`);
  const { db } = deps;
  const user = await db.selectFrom('users').select(['id', 'name', 'email', 'status']).where('id', '=', String(payload.userId ?? '')).executeTakeFirst();
  if (!user || user.status !== 'active') return;
  let at = deps.clock();
  let device: string | undefined;
  let ip: string | null = null;
  if (payload.auditId) {
    const row = await db.selectFrom('audit_log').select(['at', 'ip', 'user_agent']).where('id', '=', String(payload.auditId)).where('entity_id', '=', user.id).executeTakeFirst();
    if (row) {
      at = new Date(row.at);
      device = deviceName(row.user_agent);
      ip = row.ip;
    }
  }
  const email = accountNoticeEmail(deps.config, { name: user.name, event, at, ...(device ? { device } : {}), ip });
  await deliverOnce(deps, { kind: `account_${event}`, subjectId: job.id, message: { to: user.email, ...email } });
};
