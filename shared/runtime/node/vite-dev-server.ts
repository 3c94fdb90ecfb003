/**
 * `npm run dev`: the web app from its sources through Vite (hot reload) on WEB_PORT, with `/api/*`
 * answered in process by the same API, as in production. Vite runs in middleware mode on a server of
 * ours: a standalone Vite server installs a SIGTERM handler that exits the process at once (and may
 * install it again when it re-optimises dependencies), which would cut the runner's drain short.
 */
import { createServer as createHttpServer } from 'node:http';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Api } from '../../http/api';
import type { Deps } from '../deps';
import { apiFetch, SERVER_TIMEOUTS, type RunningServer } from './http-server';

export async function startViteDev(api: Api, deps: Deps, port: number): Promise<RunningServer> {
  const { createServer } = await import('vite');
  const server = createHttpServer(SERVER_TIMEOUTS);
  const vite = await createServer({
    configFile: resolve('web/vite.config.ts'),
    appType: 'spa',
    server: { middlewareMode: true, hmr: { server } },
  });
  const toApi = getRequestListener(apiFetch(api, deps) as never);
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/api/') || req.url === '/api') void toApi(req, res);
    else vite.middlewares(req, res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, () => done());
  });
  return {
    port: (server.address() as { port: number }).port,
    server,
    async close() {
      await vite.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
