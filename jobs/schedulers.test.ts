import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Job } from 'bullmq';
import { JOBS } from '../shared/jobs/names';
import { connectRedis } from '../shared/runtime/node/build-deps';
import { listScheduledFiles, functionName } from '../shared/runtime/node/load-functions';
import { readQueue, type QueueReader } from '../tests/support/queue';
import { useTestWorld } from '../tests/support/test-deps';
import { schedulerMoment } from './run-scheduled';
import { SCHEDULED_FUNCTIONS } from './scheduled-functions';
import { registerSchedulers } from './schedulers';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'America/New_York', REMINDER_TIME: '07:45', MONTHLY_REPORT_TIME: '05:30' });
let reader: QueueReader;
beforeAll(() => {
  reader = readQueue(world().config);
});
afterAll(async () => reader?.close());

describe('registerSchedulers', () => {
  test("creates the three job schedulers with their crons in the hospital's zone; again, still three", async () => {
    const connection = connectRedis(world().config.redisUrl, { forWorker: true });
    try {
      await registerSchedulers(world().deps, connection);
      await registerSchedulers(world().deps, connection);
      // The caller's connection (the worker's) is still usable afterwards.
      expect(await connection.ping()).toBe('PONG');
    } finally {
      connection.disconnect();
    }
    const schedulers = await reader.queue.getJobSchedulers(0, -1, true);
    const seen = schedulers.map((s) => ({ id: s.key, name: s.name, pattern: s.pattern, tz: s.tz })).sort((a, b) => a.id.localeCompare(b.id));
    expect(seen).toEqual([
      { id: 'clean-up', name: JOBS.cleanUpRun, pattern: '30 3 * * *', tz: 'America/New_York' },
      { id: 'daily-reminders', name: JOBS.dailyReminders, pattern: '45 7 * * *', tz: 'America/New_York' },
      { id: 'monthly-reports', name: JOBS.monthlyReports, pattern: '30 5 1 * *', tz: 'America/New_York' },
    ]);
    // BullMQ put each next run at the hospital's wall time (07:45 EST is 12:45Z; 05:30 EST on the 1st is 10:30Z).
    const next = Object.fromEntries(schedulers.map((s) => [s.key, new Date(s.next!).toISOString()]));
    expect(next['daily-reminders']).toMatch(/T12:45:00\.000Z$/);
    expect(next['monthly-reports']).toMatch(/-01T10:30:00\.000Z$/);
    expect(next['clean-up']).toMatch(/T08:30:00\.000Z$/);
  });
});

describe('the scheduled functions and their jobs', () => {
  test('the list the worker uses is every file in functions/scheduled/', () => {
    const root = new URL('../functions', import.meta.url).pathname;
    expect(SCHEDULED_FUNCTIONS.map((fn) => `scheduled/${fn.name}`).sort()).toEqual(listScheduledFiles(root).map((f) => functionName(root, f)).sort());
    expect(SCHEDULED_FUNCTIONS.map((fn) => fn.job).sort()).toEqual([JOBS.cleanUpRun, JOBS.dailyReminders, JOBS.monthlyReports].sort());
  });

  test("a scheduler job's moment is the one it was due at, not when it was added", () => {
    const due = Date.parse('2026-12-01T13:00:00.000Z');
    expect(schedulerMoment({ id: `repeat:daily-reminders:${due}`, opts: { prevMillis: due } } as unknown as Job)).toBe(due);
    expect(schedulerMoment({ id: `repeat:daily-reminders:${due}`, opts: {} } as unknown as Job)).toBe(due);
    expect(schedulerMoment({ id: 'by-hand', opts: {} } as unknown as Job)).toBeUndefined();
  });
});
