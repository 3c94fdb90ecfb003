import { describe, expect, test } from 'vitest';
import health from '../../../functions/health';
import { buildApi } from '../../http/api';
import { useTestWorld } from '../../../tests/support/test-deps';
import { SERVER_TIMEOUTS } from './http-server';
import { startViteDev } from './vite-dev-server';

const world = useTestWorld();

describe('the development web server (Vite in middleware mode)', () => {
  test('has the same header, request and keep-alive timeouts as the other servers, and answers /api in process', async () => {
    const server = await startViteDev(buildApi([health]), world().deps, 0);
    try {
      expect(server.server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
      expect(server.server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
      expect(server.server.keepAliveTimeout).toBe(SERVER_TIMEOUTS.keepAliveTimeout);
      const res = await fetch(`http://127.0.0.1:${server.port}/api/health`, { headers: { connection: 'close' } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    } finally {
      await server.close();
    }
  });
});
