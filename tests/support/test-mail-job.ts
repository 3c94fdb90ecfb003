/**
 * A test-only job that sends one email through the delivery log (shared/mail/deliver-once.ts), as every
 * real email job does, without depending on any production processor. Payload: { id, to, waitMs? }:
 * it waits `waitMs` BEFORE claiming the delivery (a window for a kill that lands before the claim), then
 * sends `Test mail <id>` to `to` under the delivery key (test_mail, id).
 */
import { processors } from '../../jobs/processors';
import { deliverOnce } from '../../shared/mail/deliver-once';

export const TEST_MAIL_JOB = 'test.mail';

export function registerTestMailJob(): () => void {
  processors[TEST_MAIL_JOB] = async (deps, payload) => {
    const waitMs = Number(payload.waitMs ?? 0);
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const id = String(payload.id);
    await deliverOnce(deps, {
      kind: 'test_mail',
      subjectId: id,
      message: { to: String(payload.to), subject: `Test mail ${id}`, text: `Test mail ${id}`, html: `<p>Test mail ${id}</p>` },
    });
  };
  return () => {
    delete processors[TEST_MAIL_JOB];
  };
}
