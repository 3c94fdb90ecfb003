/** The answer of `GET /api/health` (API.md "Conventions"). Pure: no I/O. */
import * as v from 'valibot';

const PartState = v.picklist(['ok', 'down']);

export const HealthResponse = v.object({
  status: v.picklist(['ok', 'degraded']),
  database: PartState,
  redis: PartState,
  /** The server's clock, as an ISO-8601 instant in UTC. */
  time: v.pipe(v.string(), v.isoTimestamp()),
});
export type HealthResponse = v.InferOutput<typeof HealthResponse>;
