import { describe, expect, test } from 'vitest';
import { isDue, localDateAt, monthRange, previousMonth } from './scheduled';

const due = (cron: string, iso: string, zone = 'Europe/London') => isDue(cron, new Date(iso), zone);

describe("isDue (the Worker's per-minute UTC cron, read in the hospital's zone)", () => {
  test('08:00 London is 07:00Z in summer and 08:00Z in winter; any second of that minute', () => {
    expect(due('0 8 * * *', '2026-07-01T07:00:00.000Z')).toBe(true);
    expect(due('0 8 * * *', '2026-07-01T07:00:59.000Z')).toBe(true);
    expect(due('0 8 * * *', '2026-07-01T08:00:00.000Z')).toBe(false);
    expect(due('0 8 * * *', '2026-12-01T08:00:00.000Z')).toBe(true);
    expect(due('0 8 * * *', '2026-12-01T07:59:00.000Z')).toBe(false);
  });

  test('a time in the spring gap is due when the clocks resume; a repeated time once, at its first occurrence', () => {
    // 01:30 never happens in London on 2027-03-28: due at 02:30 BST (01:30Z).
    expect(due('30 1 * * *', '2027-03-28T01:30:00.000Z')).toBe(true);
    expect(due('30 1 * * *', '2027-03-28T00:30:00.000Z')).toBe(false);
    // 01:30 happens twice on 2026-10-25: 00:30Z (BST) only.
    expect(due('30 1 * * *', '2026-10-25T00:30:00.000Z')).toBe(true);
    expect(due('30 1 * * *', '2026-10-25T01:30:00.000Z')).toBe(false);
  });

  test("the day of the month is the hospital's: 06:00 on the 1st in Tokyo is 21:00Z on the last day before", () => {
    expect(due('0 6 1 * *', '2026-11-30T21:00:00.000Z', 'Asia/Tokyo')).toBe(true);
    expect(due('0 6 1 * *', '2026-11-29T21:00:00.000Z', 'Asia/Tokyo')).toBe(false);
    expect(due('0 6 1 * *', '2026-12-01T06:00:00.000Z', 'Asia/Tokyo')).toBe(false);
  });
});

describe('calendar helpers', () => {
  test('local dates, previous months and month ranges in a zone', () => {
    expect(localDateAt(new Date('2026-11-30T21:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-12-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
    const { from, to } = monthRange('2026-11', 'America/Los_Angeles');
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-11-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z']);
  });
});
