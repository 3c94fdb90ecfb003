/**
 * The outbox relay (ARCHITECTURE rule 5, ADR 024): hands pending outbox rows to the job queue with the
 * row's id as the job id, then marks them relayed.
 *
 * - Redis down: `enqueueMany` throws; the rows stay pending with `attempts` raised and `last_error` kept,
 *   and the next pass (the worker's loop, the Worker's cron) hands them over once Redis is back.
 * - Crash between enqueue and mark, or several relays at once (scale-out): a row may be handed over
 *   twice. BullMQ ignores an add whose job id it still holds (completed jobs are kept a week), and every
 *   processor is idempotent besides (the delivery log), so a second hand-over is harmless. Marking is
 *   `where relayed_at is null`, so the first mark wins and a late failure never un-relays a row.
 * No transaction, no RETURNING: one select, one enqueue, one update (D1-safe, ≤ 100 bound parameters).
 */
import type { Deps } from '../runtime/deps';

/** At most this many rows a pass: the mark's `id in (…)` stays under D1's 100 bound parameters. */
export const RELAY_BATCH = 90;

export interface RelayResult {
  /** Rows handed over and marked by this pass. */
  relayed: number;
  /** Set when the queue refused the batch: the rows stay pending. */
  error?: string;
}

export async function relayOutbox(
  deps: Pick<Deps, 'db' | 'jobs' | 'clock'>,
  { limit = RELAY_BATCH }: { limit?: number } = {},
): Promise<RelayResult> {
  const { db, jobs, clock } = deps;
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'job', 'payload'])
    .where('relayed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(Math.min(Math.max(1, limit), RELAY_BATCH))
    .execute();
  if (rows.length === 0) return { relayed: 0 };
  // A row whose payload is not JSON (only a hand-edited database makes one) must not hold back the others:
  // it stays pending with its error, for someone to look at, and the rest go.
  const good: Array<{ id: string; job: string; payload: Record<string, string | number> }> = [];
  const bad: string[] = [];
  for (const r of rows) {
    try {
      good.push({ id: r.id, job: r.job, payload: JSON.parse(r.payload) as Record<string, string | number> });
    } catch {
      bad.push(r.id);
    }
  }
  if (bad.length > 0) {
    await db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: 'the payload is not JSON' }))
      .where('id', 'in', bad)
      .execute();
  }
  if (good.length === 0) return { relayed: 0 };
  const ids = good.map((r) => r.id);
  try {
    await jobs.enqueueMany(good.map((r) => ({ name: r.job, payload: r.payload, options: { jobId: r.id } })));
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: message }))
      .where('id', 'in', ids)
      .where('relayed_at', 'is', null)
      .execute();
    return { relayed: 0, error: message };
  }
  const marked = await db
    .updateTable('outbox')
    .set({ relayed_at: clock().toISOString(), last_error: null })
    .where('id', 'in', ids)
    .where('relayed_at', 'is', null)
    .executeTakeFirst();
  return { relayed: Number(marked.numUpdatedRows) };
}
