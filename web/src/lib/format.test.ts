import { describe, expect, test } from 'vitest';
import { addDays, dateInZone, formatDate, formatDateTime, formatTimeRange, todayInZone } from './format';

describe('formatting times in the hospital zone', () => {
  test("an instant is shown in the hospital's zone with the zone named, not the browser's", () => {
    expect(formatDateTime('2026-12-03T09:30:00.000Z', 'Europe/London')).toBe('Thu, 3 Dec 2026, 09:30 GMT');
    expect(formatDateTime('2026-07-03T09:30:00.000Z', 'Europe/London')).toBe('Fri, 3 Jul 2026, 10:30 BST');
    expect(formatDateTime('2026-12-03T09:30:00.000Z', 'Asia/Kolkata')).toBe('Thu, 3 Dec 2026, 15:00 GMT+5:30');
  });

  test('a slot reads as a range with the zone once', () => {
    expect(formatTimeRange('2026-12-03T09:30:00.000Z', '2026-12-03T10:00:00.000Z', 'Europe/London')).toBe('09:30–10:00 GMT');
  });

  test('a calendar date stays the same day whatever zone formats it', () => {
    expect(formatDate('2026-12-03')).toBe('Thu, 3 Dec 2026');
    expect(formatDate('not a date')).toBe('not a date');
  });

  test('the date of an instant depends on the zone (late evening in New York is the next day in London)', () => {
    expect(dateInZone('2026-12-04T02:00:00.000Z', 'America/New_York')).toBe('2026-12-03');
    expect(dateInZone('2026-12-04T02:00:00.000Z', 'Europe/London')).toBe('2026-12-04');
    expect(todayInZone('Pacific/Auckland', new Date('2026-12-03T12:00:00.000Z'))).toBe('2026-12-04');
  });

  test('adding days crosses months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
});
