import { Redis } from 'ioredis';
import { describe, expect, test } from 'vitest';
import { RedisCache } from '../shared/runtime/node/redis-cache';
import { useTestWorld } from '../tests/support/test-deps';
import { testClient } from '../tests/support/http';
import health from './health';

const world = useTestWorld();

describe('GET /api/health', () => {
  test('reports the database and Redis as ok', async () => {
    const res = await testClient(world().deps, [health]).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
  });

  test('says which part is down, with 503, when Redis does not answer', async () => {
    // A real client pointed at a port where nothing listens.
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on('error', () => {});
    const res = await testClient({ ...world().deps, cache: new RedisCache(dead, 'x:') }, [health]).get('/api/health');
    dead.disconnect();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: 'ok', redis: 'down' });
  });
});
