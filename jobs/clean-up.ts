/**
 * The nightly clean-up (functions/scheduled/clean-up.ts): deletes what nobody can use any more, so the tables
 * that grow with every request stay the size of a day's traffic, not of the hospital's history.
 * - idempotency keys older than their 24-hour window: a repeated request past it is a new request anyway;
 * - password-reset rows past their expiry, used or not: an expired link is refused the same either way;
 * - the stored files of exports past their expiry (EXPORT_TTL_HOURS). The export's own row stays, so the
 *   patient's list still shows it, as expired.
 * One statement each, bounded by the cut-off: run nightly, each deletes about one day's rows. No RETURNING and
 * no branching on counts (the Worker's D1 rules).
 */
import { IDEMPOTENCY_WINDOW_MS } from '../shared/http/idempotency';
import type { Deps } from '../shared/runtime/deps';
import type { Processor } from './processors';

export interface CleanUpCounts {
  idempotencyKeys: number;
  passwordResets: number;
  exportFiles: number;
}

export async function cleanUp(deps: Pick<Deps, 'db' | 'log'>, now: Date): Promise<CleanUpCounts> {
  const at = now.toISOString();
  const keys = await deps.db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString()).executeTakeFirst();
  const resets = await deps.db.deleteFrom('password_resets').where('expires_at', '<=', at).executeTakeFirst();
  const files = await deps.db
    .deleteFrom('export_files')
    .where('export_id', 'in', (eb) => eb.selectFrom('exports').select('id').where('expires_at', 'is not', null).where('expires_at', '<=', at))
    .executeTakeFirst();
  const counts = {
    idempotencyKeys: Number(keys.numDeletedRows ?? 0),
    passwordResets: Number(resets.numDeletedRows ?? 0),
    exportFiles: Number(files.numDeletedRows ?? 0),
  };
  deps.log.info('clean-up done', { at, ...counts });
  return counts;
}

export const process: Processor = async (deps, payload) => {
  const now = new Date(String(payload.now));
  if (Number.isNaN(now.getTime())) throw new Error(`clean-up: payload now "${payload.now}" is not an instant`);
  await cleanUp(deps, now);
};
