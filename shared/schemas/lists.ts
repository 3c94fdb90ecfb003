/**
 * Lists (API.md "Conventions"): `{ items, total }`, taking `?page=1&pageSize=50` (pageSize at most 200).
 * Pure: the web app builds its pagers from the same limits.
 */
import * as v from 'valibot';

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;

const wholeNumber = (fallback: number, max: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d{1,6}$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(max, `must be at most ${max}`),
  );

/** The paging part of a list's query string; spread its entries into a list's own query object. */
export const PageQuery = {
  page: wholeNumber(1, 100_000),
  pageSize: wholeNumber(PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX),
};

/** Rows to skip and take for a page. */
export function pageWindow(query: { page: number; pageSize: number }): { offset: number; limit: number } {
  return { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}

/** A list's answer schema. */
export const ListOf = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), total: v.number() });
