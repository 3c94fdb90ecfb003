/** GET /api/health: is the database answering, is Redis answering. 200 when both are, 503 otherwise. */
import { sql } from 'kysely';
import { newFunction } from '../shared/http/define-function';
import { describe } from '../shared/http/route-meta';
import { HealthResponse } from '../shared/schemas/health';

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'down'> {
  try {
    await check();
    return 'ok';
  } catch {
    return 'down';
  }
}

const app = newFunction().get('/health', describe({ summary: 'Are the database and Redis answering', operationId: 'getHealth', responses: { 200: HealthResponse, 503: { schema: HealthResponse, description: 'Degraded: the body says which part is down' } } }), async (c) => {
  const { db, cache, clock } = c.env.deps;
  const [database, redis] = await Promise.all([
    probe(() => sql`select 1 as one`.execute(db)),
    probe(() => cache.ping()),
  ]);
  const ok = database === 'ok' && redis === 'ok';
  return c.json({ status: ok ? 'ok' : 'degraded', database, redis, time: clock().toISOString() }, ok ? 200 : 503);
});

export default app;
