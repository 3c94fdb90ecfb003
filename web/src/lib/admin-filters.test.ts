import { describe, expect, test } from 'vitest';
import { clearedParams, dateRangeProblems, filterParams, hasFilters, listQuery, readFilters, readPage } from './admin-filters';

describe('list filters in the URL', () => {
  test('reads the filters it knows, trimmed, absent ones empty, the first of repeated ones', () => {
    expect(readFilters({ q: ' ann ', status: ['booked', 'cancelled'], other: 'x' }, ['q', 'status', 'from'])).toEqual({ q: 'ann', status: 'booked', from: '' });
  });

  test('the page is a whole number from 1; anything else is the first page', () => {
    expect(readPage({ page: '3' })).toBe(3);
    expect(readPage({})).toBe(1);
    expect(readPage({ page: '0' })).toBe(1);
    expect(readPage({ page: '-2' })).toBe(1);
    expect(readPage({ page: 'two' })).toBe(1);
    expect(readPage({ page: '1e3' })).toBe(1);
  });

  test('new filters set what has a value, remove what is empty, and go back to the first page', () => {
    expect(filterParams({ q: ' oscar ', departmentId: '' })).toEqual({ page: undefined, q: 'oscar', departmentId: undefined });
  });

  test('clearing removes every filter and the page', () => {
    expect(clearedParams(['status', 'from'])).toEqual({ status: undefined, from: undefined, page: undefined });
  });

  test('knows whether anything filters the list', () => {
    expect(hasFilters({ q: '', status: '' })).toBe(false);
    expect(hasFilters({ q: '', status: 'booked' })).toBe(true);
  });

  test('round trip: a submitted form, set in the URL, reads back the same and asks the API for it', () => {
    const url = new URLSearchParams('page=4&pageSize=9');
    for (const [key, value] of Object.entries(filterParams({ status: 'booked', from: '2026-12-01', to: '' }))) {
      if (value === undefined) url.delete(key);
      else url.set(key, value);
    }
    const params = Object.fromEntries(url.entries());
    const filters = readFilters(params, ['status', 'from', 'to']);
    expect(filters).toEqual({ status: 'booked', from: '2026-12-01', to: '' });
    expect(readPage(params)).toBe(1);
    expect(listQuery(filters, readPage(params), 25)).toEqual({ status: 'booked', from: '2026-12-01', page: 1, pageSize: 25 });
  });

  test('a date range is checked before it is sent', () => {
    expect(dateRangeProblems('', '')).toEqual({});
    expect(dateRangeProblems('2026-12-01', '2026-12-01')).toEqual({});
    expect(dateRangeProblems('2026-12-02', '2026-12-01')).toEqual({ to: 'must not be before the start date' });
    expect(dateRangeProblems('12/01/2026', '')).toEqual({ from: 'must be a date' });
  });
});
