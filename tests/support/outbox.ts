/** The outbox rows a change wrote, for endpoint tests: what job, what payload (parsed), how many. */
import type { Deps } from '../../shared/runtime/deps';

export interface OutboxEntry {
  id: string;
  job: string;
  payload: Record<string, string | number>;
}

/** Every outbox row, oldest first (optionally only those about one appointment). */
export async function outboxRows(deps: Pick<Deps, 'db'>, appointmentId?: string): Promise<OutboxEntry[]> {
  const rows = await deps.db.selectFrom('outbox').select(['id', 'job', 'payload']).orderBy('created_at').orderBy('id').execute();
  return rows
    .map((r) => ({ id: r.id, job: r.job, payload: JSON.parse(r.payload) as Record<string, string | number> }))
    .filter((r) => appointmentId === undefined || r.payload.appointmentId === appointmentId);
}

/** How many outbox rows there are in all: a refused request must leave it unchanged. */
export async function outboxCount(deps: Pick<Deps, 'db'>): Promise<number> {
  return (await outboxRows(deps)).length;
}
