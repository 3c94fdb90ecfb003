/**
 * The baselines, in a process of their own: a bare Hono app on @hono/node-server, with nothing of ours.
 * - GET /hello: the floor of any request through Hono and the Node adapter.
 * - POST /verify: argon2id verify alone (the same parameters and PHC string as Wardline's, the same
 *   UV_THREADPOOL_SIZE), the floor of sign-in.
 * Prints `listening <port>` when ready.
 */
import { serve } from '@hono/node-server';
import { hash, verify } from '@node-rs/argon2';
import { Hono } from 'hono';

const PASSWORD = 'bench password for argon2 only';
const stored = await hash(PASSWORD);

const app = new Hono();
app.get('/hello', (c) => c.text('Hello'));
app.post('/verify', async (c) => {
  const { password } = await c.req.json<{ password: string }>();
  return c.json({ ok: await verify(stored, password) }, 200);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
