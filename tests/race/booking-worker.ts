/**
 * One process of the booking races (tests/race/booking-race.test.ts), run as
 * `node --import tsx tests/race/booking-worker.ts`. It builds its own Deps on the test world's database and
 * Redis (DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX from its environment; the clock stands still at RACE_NOW),
 * mounts the booking functions in process, and then:
 *
 *   stdin  one JSON line: [{ method, path, cookie, json }, ...], the requests it is to send
 *   stdout `ready` once everything is built and warm
 *   stdin  `go`: every request is sent at once
 *   stdout one JSON line: [{ status, code }, ...] in the order of the requests
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../shared/config';
import { buildApi } from '../../shared/http/api';
import { buildNodeDeps } from '../../shared/runtime/node/build-deps';
import book from '../../functions/patient/book-appointment';
import reschedule from '../../functions/patient/reschedule-appointment';

interface Order {
  method: string;
  path: string;
  cookie: string;
  json: unknown;
}

const env = process.env;
const now = new Date(env.RACE_NOW ?? '');
if (Number.isNaN(now.getTime())) throw new Error('RACE_NOW must be an ISO instant');
const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: env.DATABASE_URL,
  REDIS_URL: env.REDIS_URL,
  REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX,
  LOG_LEVEL: 'silent',
});
const built = await buildNodeDeps(config, { clock: () => new Date(now) });
const api = buildApi([book, reschedule]);

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => (await lines.next()).value as string | undefined;

const orders = JSON.parse((await next()) ?? '[]') as Order[];
const send = async (order: Order) => {
  const res = await api.request(
    order.path,
    { method: order.method, headers: { cookie: order.cookie, 'content-type': 'application/json' }, body: JSON.stringify(order.json) },
    { deps: built.deps, clientAddress: '198.51.100.200' },
  );
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: res.status, code: body?.error?.code ?? null };
};

// Warm: the database connection, Redis and the sessions' query, so the race starts with both processes ready.
await built.deps.db.selectFrom('users').select('id').limit(1).execute();
if (orders[0]) await built.deps.sessions.validate(built.deps.sessions.readToken(orders[0].cookie));
process.stdout.write('ready\n');

if ((await next()) !== 'go') throw new Error('expected go');
const results = await Promise.all(orders.map(send));
process.stdout.write(`${JSON.stringify(results)}\n`);
await built.close();
process.exit(0);
