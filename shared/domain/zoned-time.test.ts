import { describe, expect, test } from 'vitest';
import { addDays, clockAt, datesBetween, instantAt, weekdayOf } from './zoned-time';

const at = (date: string, clock: string, zone: string) => instantAt(date, clock, zone).toISOString();

describe('instantAt: wall-clock time in a zone to an instant', () => {
  test('in UTC the wall clock is the instant', () => {
    expect(at('2026-12-01', '09:30', 'UTC')).toBe('2026-12-01T09:30:00.000Z');
  });

  test('London in winter is UTC and in summer one hour ahead', () => {
    expect(at('2026-12-01', '09:00', 'Europe/London')).toBe('2026-12-01T09:00:00.000Z');
    expect(at('2026-07-01', '09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
  });

  test('London spring change (29 March 2026): the lost hour moves forward, the hours around it are exact', () => {
    expect(at('2026-03-29', '00:00', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
    // 01:30 never happens: it is read as 02:30 BST, the same distance past the gap.
    expect(at('2026-03-29', '01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
    expect(at('2026-03-29', '02:00', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-03-29', '03:00', 'Europe/London')).toBe('2026-03-29T02:00:00.000Z');
  });

  test('London autumn change (25 October 2026): a time that happens twice means its first occurrence', () => {
    expect(at('2026-10-25', '00:30', 'Europe/London')).toBe('2026-10-24T23:30:00.000Z');
    expect(at('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-10-25', '02:00', 'Europe/London')).toBe('2026-10-25T02:00:00.000Z');
  });

  test('New York spring (8 March 2026) and autumn (1 November 2026) changes', () => {
    expect(at('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(at('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(at('2026-03-08', '03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
  });

  test('half-hour and 45-minute zones: Kolkata, Adelaide and Kathmandu', () => {
    expect(at('2026-12-01', '09:00', 'Asia/Kolkata')).toBe('2026-12-01T03:30:00.000Z');
    expect(at('2026-12-01', '09:00', 'Asia/Kathmandu')).toBe('2026-12-01T03:15:00.000Z');
    // Adelaide is +10:30 in its summer, +9:30 in winter.
    expect(at('2026-12-01', '09:00', 'Australia/Adelaide')).toBe('2026-11-30T22:30:00.000Z');
    expect(at('2026-07-01', '09:00', 'Australia/Adelaide')).toBe('2026-06-30T23:30:00.000Z');
  });

  test('Adelaide changes by an hour at a half-hour offset: spring gap and autumn repeat', () => {
    // 4 October 2026, 02:00 ACST → 03:00 ACDT: 02:30 is read as 03:30 ACDT.
    expect(at('2026-10-04', '02:30', 'Australia/Adelaide')).toBe('2026-10-03T17:00:00.000Z');
    // 5 April 2026, 03:00 ACDT → 02:00 ACST: 02:30 first happens at +10:30.
    expect(at('2026-04-05', '02:30', 'Australia/Adelaide')).toBe('2026-04-04T16:00:00.000Z');
  });

  test('24:00 is the next midnight, also on a change day', () => {
    expect(at('2026-12-01', '24:00', 'Europe/London')).toBe('2026-12-02T00:00:00.000Z');
    expect(at('2026-10-24', '24:00', 'Europe/London')).toBe(at('2026-10-25', '00:00', 'Europe/London'));
  });
});

describe('calendar helpers', () => {
  test('weekdays are ISO: Monday 1 … Sunday 7', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('2026-12-01')).toBe(2);
    expect(weekdayOf('2026-12-06')).toBe(7);
  });

  test('adding days crosses months, years and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  test('clockAt reads the wall clock back, on both sides of a change', () => {
    expect(clockAt(new Date('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('01:30');
    expect(clockAt(new Date('2026-10-25T01:30:00Z'), 'Europe/London')).toBe('01:30');
    expect(clockAt(new Date('2026-12-01T03:15:00Z'), 'Asia/Kathmandu')).toBe('09:00');
  });
});
