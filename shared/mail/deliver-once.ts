/**
 * Sends an email at most once per (kind, subject) (ARCHITECTURE rule 5; ADR 024). The delivery log row
 * is claimed (`sending`) before the mail goes out and marked `sent` once the server accepted it:
 * - a retried or re-run job finds `sent` and does nothing;
 * - a second attempt running at the same time (a job judged stalled while the first still runs) finds a
 *   fresh claim and throws, so its job retries later and then finds `sent`;
 * - a claim older than STALE_CLAIM_MS (MAIL_CLAIM_STALE_SECONDS) belongs to an attempt that died (SIGKILL, power): it is taken over
 *   and the mail sent, with the same Message-ID. Mail is lost never; it is doubled only if a process dies
 *   in the moment between the server's acceptance and the mark, and then it carries the same Message-ID.
 * A refused send gives the claim back, so the retry sends at once.
 */
import type { Deps, MailMessage } from '../runtime/deps';
import { newId } from '../ids';

export const STALE_CLAIM_MS = 60_000;

export class DeliveryInFlight extends Error {
  constructor(kind: string, subjectId: string) {
    super(`email ${kind} for ${subjectId} is being sent by another attempt`);
  }
}

export interface Delivery {
  /** What kind of mail (`appointment_booked` …): with the subject, the delivery log's key. */
  kind: string;
  /** What it is about (an appointment id, an export id, `doctorId.YYYY-MM` …). */
  subjectId: string;
  message: MailMessage;
}

export async function deliverOnce(
  deps: Pick<Deps, 'db' | 'mail' | 'clock' | 'log'> & { config?: Pick<Deps['config'], 'background'> },
  delivery: Delivery,
): Promise<'sent' | 'already_sent'> {
  const { db, mail, clock, log } = deps;
  // MAIL_CLAIM_STALE_SECONDS: the chaos tests lower it so a killed attempt's claim is taken over in seconds.
  const staleMs = deps.config?.background.mailClaimStaleMs ?? STALE_CLAIM_MS;
  const { kind, subjectId, message } = delivery;
  const now = clock().toISOString();
  const claimed = await db
    .insertInto('email_deliveries')
    .values({ id: newId(), kind, subject_id: subjectId, recipient: message.to, sent_at: now, status: 'sending', claimed_at: now })
    .onConflict((oc) => oc.columns(['kind', 'subject_id']).doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const row = await db.selectFrom('email_deliveries').select(['status', 'claimed_at']).where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirstOrThrow();
    if (row.status === 'sent') return 'already_sent';
    const stale = !row.claimed_at || Date.parse(row.claimed_at) < clock().getTime() - staleMs;
    if (!stale) throw new DeliveryInFlight(kind, subjectId);
    // Take the dead attempt's claim over; if another attempt took it first, this update matches nothing.
    let taken = db.updateTable('email_deliveries').set({ claimed_at: now, recipient: message.to }).where('kind', '=', kind).where('subject_id', '=', subjectId).where('status', '=', 'sending');
    taken = row.claimed_at === null ? taken.where('claimed_at', 'is', null) : taken.where('claimed_at', '=', row.claimed_at);
    const result = await taken.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new DeliveryInFlight(kind, subjectId);
    log.warn('email claim of a dead attempt taken over', { kind, subjectId });
  }
  try {
    await mail.send({ messageId: `<${kind}.${subjectId}@wardline>`, ...message });
  } catch (err) {
    await db.deleteFrom('email_deliveries').where('kind', '=', kind).where('subject_id', '=', subjectId).where('status', '=', 'sending').where('claimed_at', '=', now).execute();
    throw err;
  }
  await db
    .updateTable('email_deliveries')
    .set({ status: 'sent', sent_at: clock().toISOString() })
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .execute();
  return 'sent';
}
