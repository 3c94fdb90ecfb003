import { describe, expect, test } from 'vitest';
import { writeOutbox } from '../shared/jobs/outbox';
import type { JobProducer, JobRequest } from '../shared/runtime/deps';
import { until } from '../tests/support/background';
import { useTestWorld } from '../tests/support/test-deps';
import { startRelayLoop } from './relay-loop';

const world = useTestWorld();

describe('the relay loop in the worker', () => {
  test('while the queue refuses, the rows stay pending and the log says so once; when it is back, once again, and the rows go out', async () => {
    const { deps, log } = world();
    let down = true;
    const handed: JobRequest[] = [];
    const jobs: JobProducer = {
      ...deps.jobs,
      enqueueMany: async (many) => {
        if (down) throw new Error('Connection is closed.');
        handed.push(...many);
      },
    };
    const id = await writeOutbox(deps.db, 'test.loop', { appointmentId: 'a-1' }, deps.clock());
    const loop = startRelayLoop({ ...deps, jobs }, { everyMs: 20, maxBackoffMs: 80 });
    try {
      await until(async () => ((await deps.db.selectFrom('outbox').select('attempts').where('id', '=', id).executeTakeFirstOrThrow()).attempts) >= 4, 10_000, 'several failed passes');
      const relayLines = () => log.records.filter((r) => r.message.startsWith('outbox relay'));
      expect(relayLines()).toMatchObject([{ level: 'warn', message: expect.stringContaining('cannot hand jobs over'), fields: { error: 'Connection is closed.' } }]);
      down = false;
      await until(() => handed.length === 1, 10_000, 'the row to go out');
      expect(handed).toEqual([{ name: 'test.loop', payload: { appointmentId: 'a-1' }, options: { jobId: id } }]);
      await until(() => relayLines().length === 2, 5_000, 'the line saying it is back');
      expect(relayLines()[1]).toMatchObject({ level: 'info', message: expect.stringContaining('again'), fields: { relayed: 1 } });
    } finally {
      await loop.stop();
    }
    const row = await deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.relayed_at).not.toBeNull();
  });
});
