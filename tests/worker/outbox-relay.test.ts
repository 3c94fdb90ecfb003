/**
 * The outbox relay in the Worker build (ADR 024), in workerd with a D1 database and a JOBS Queue: rows
 * written by a change reach the Queue after a state-changing request (ctx.waitUntil) and at a cron
 * trigger, and are marked relayed; a GET relays nothing. Without a JOBS binding rows stay pending.
 */
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorker, type TestWorker } from '../support/worker';
import { until } from '../support/background';

const ORIGIN = 'http://localhost:8787';
let withQueue: TestWorker | undefined;
let withoutQueue: TestWorker | undefined;

beforeAll(async () => {
  [withQueue, withoutQueue] = await Promise.all([startWorker({ name: 'relay', queues: true }), startWorker({ name: 'relay-noqueue' })]);
  for (const w of [withQueue, withoutQueue]) expect((await w.mf.dispatchFetch(`${ORIGIN}/api/health`)).status).toBe(200); // migrates D1
});
afterAll(async () => {
  await withQueue?.dispose();
  await withoutQueue?.dispose();
});

async function writeRow(mf: Miniflare, id: string) {
  const db = await mf.getD1Database('DB');
  await db
    .prepare("insert into outbox (id, job, payload, created_at, relayed_at, attempts, last_error) values (?, 'test.relay', ?, ?, null, 0, null)")
    .bind(id, JSON.stringify({ appointmentId: id }), new Date().toISOString())
    .run();
}

async function relayedAt(mf: Miniflare, id: string): Promise<string | null> {
  const db = await mf.getD1Database('DB');
  const row = await db.prepare('select relayed_at from outbox where id = ?').bind(id).first<{ relayed_at: string | null }>();
  return row!.relayed_at;
}

describe('the outbox relay in the Worker', () => {
  test('a GET relays nothing; a state-changing request relays after its answer', async () => {
    const mf = withQueue!.mf;
    await writeRow(mf, 'row-after-request');
    await mf.dispatchFetch(`${ORIGIN}/api/health`);
    expect(await relayedAt(mf, 'row-after-request')).toBeNull();
    // Any state-changing request counts: a refused logout writes nothing of its own, yet the relay runs after it.
    const res = await mf.dispatchFetch(`${ORIGIN}/api/auth/logout`, { method: 'POST' });
    expect(res.status).toBe(401);
    await until(async () => (await relayedAt(mf, 'row-after-request')) !== null, 10_000, 'the row to be relayed');
  });

  test('a cron trigger relays what is left', async () => {
    const mf = withQueue!.mf;
    await writeRow(mf, 'row-at-cron');
    const worker = await mf.getWorker();
    await worker.scheduled({ cron: '0 6 * * *' });
    await until(async () => (await relayedAt(mf, 'row-at-cron')) !== null, 10_000, 'the row to be relayed');
  });

  test('without a JOBS binding the rows stay pending rather than be marked relayed for nothing', async () => {
    const mf = withoutQueue!.mf;
    await writeRow(mf, 'row-no-queue');
    await mf.dispatchFetch(`${ORIGIN}/api/auth/logout`, { method: 'POST' });
    const worker = await mf.getWorker();
    await worker.scheduled({ cron: '0 6 * * *' });
    expect(await relayedAt(mf, 'row-no-queue')).toBeNull();
  });
});
