/**
 * The Worker's cron handler: wrangler.toml fires it every minute (UTC); it runs each scheduled function
 * whose cron, read in HOSPITAL_TIMEZONE, falls due in that minute, against D1. Read from its log lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { until } from '../support/background';
import { startWorker, type TestWorker } from '../support/worker';

let worker: TestWorker | undefined;
const lines: Array<{ level: string; message: string }> = [];

beforeAll(async () => {
  worker = await startWorker({
    name: 'scheduled',
    timeZone: 'Europe/London',
    bindings: { LOG_LEVEL: 'info', REMINDER_TIME: '08:00', MONTHLY_REPORT_TIME: '06:00' },
    onLog: (line) => {
      lines.push(line);
    },
  });
});
afterAll(async () => {
  await worker?.dispose();
});

interface Ran {
  msg: string;
  name?: string;
  enqueued?: number;
  at?: string;
}

const ranLines = (): Ran[] =>
  lines
    .flatMap((line) => {
      try {
        return [JSON.parse(line.message) as Ran];
      } catch {
        return [];
      }
    })
    .filter((entry) => entry.msg === 'scheduled function ran');

/** A moment daily-reminders is surely due (08:00 GMT): fired after each check, its line marks the end of that check's lines. */
let sentinels = 0;

/** Fires the cron handler for `iso`; answers the scheduled functions that ran for that moment. */
async function fire(iso: string): Promise<string[]> {
  const fetcher = await worker!.mf.getWorker();
  const result = await fetcher.scheduled({ scheduledTime: new Date(iso), cron: '* * * * *' });
  expect(result.outcome).toBe('ok');
  // Log lines travel on a stream of their own: once a later event's line is in, this one's are too.
  const sentinel = new Date(Date.UTC(2030, 0, 1 + sentinels++, 8)).toISOString();
  await fetcher.scheduled({ scheduledTime: new Date(sentinel), cron: '* * * * *' });
  await until(() => ranLines().some((entry) => entry.at === sentinel), 10_000, 'the sentinel line');
  return ranLines()
    .filter((entry) => entry.at === new Date(iso).toISOString())
    .map((entry) => `${entry.name} ${entry.enqueued}`);
}

describe('the Worker scheduled handler', () => {
  test("runs daily-reminders at 08:00 London time (07:00Z in summer, 08:00Z in winter) and not a minute off", async () => {
    expect(await fire('2026-07-01T07:00:00.000Z')).toEqual(['scheduled/daily-reminders 0']);
    expect(await fire('2026-07-01T08:00:00.000Z')).toEqual([]);
    expect(await fire('2026-12-02T08:00:00.000Z')).toEqual(['scheduled/daily-reminders 0']);
    expect(await fire('2026-12-02T08:01:00.000Z')).toEqual([]);
  });

  test('runs monthly-reports at 06:00 on the 1st only', async () => {
    expect(await fire('2026-12-01T06:00:00.000Z')).toEqual(['scheduled/monthly-reports 0']);
    expect(await fire('2026-12-02T06:00:00.000Z')).toEqual([]);
  });
});

describe('wrangler.toml', () => {
  test('fires the cron trigger every minute (isDue needs every minute) and names both scheduled functions', () => {
    const toml = readFileSync(join(import.meta.dirname, '../../wrangler.toml'), 'utf8');
    expect(toml).toMatch(/^crons = \["\* \* \* \* \*"\]$/m);
    for (const name of ['daily-reminders', 'monthly-reports']) expect(toml).toContain(name);
    expect(toml).toMatch(/^REMINDER_TIME = "\d\d:\d\d"$/m);
  });
});
