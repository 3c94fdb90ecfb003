/**
 * List filters kept in the URL (so a filtered list can be bookmarked, shared and survives a reload): reading
 * them from the router's search params, turning a submitted filter form into the params to set (the page
 * goes back to 1 when the filters change), and the API's query for the list. Pure.
 */

export type SearchParams = Partial<Record<string, string | string[] | undefined>>;
export type Filters<K extends string> = Record<K, string>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** Every filter named in `keys`, '' when absent. */
export function readFilters<K extends string>(params: SearchParams, keys: readonly K[]): Filters<K> {
  return Object.fromEntries(keys.map((key) => [key, first(params[key])])) as Filters<K>;
}

/** The page number in the URL: a whole number from 1, else 1. */
export function readPage(params: SearchParams): number {
  const text = first(params.page);
  if (!/^\d{1,6}$/.test(text)) return 1;
  return Math.max(1, Number(text));
}

/**
 * What to give `setSearchParams` for new filter values: every key set or removed (an empty value is no
 * filter, so it leaves the URL) and the page removed: a new filter starts at its first page.
 */
export function filterParams<K extends string>(filters: Filters<K>): Record<string, string | undefined> {
  const next: Record<string, string | undefined> = { page: undefined };
  for (const [key, value] of Object.entries(filters) as [K, string][]) next[key] = value.trim() === '' ? undefined : value.trim();
  return next;
}

/** Filters cleared: every key and the page removed from the URL. */
export function clearedParams(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries([...keys, 'page'].map((key) => [key, undefined]));
}

/** True when at least one filter is set (the empty state then says "nothing matches", not "nothing yet"). */
export function hasFilters<K extends string>(filters: Filters<K>): boolean {
  return Object.values<string>(filters).some((value) => value !== '');
}

/** The list's API query: the filters that are set, the page and its size. */
export function listQuery<K extends string>(filters: Filters<K>, page: number, pageSize: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters) as [K, string][]) if (value !== '') out[key] = value;
  out.page = page;
  out.pageSize = pageSize;
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date range's problems before asking the server: each date well formed, `to` not before `from`. */
export function dateRangeProblems(from: string, to: string): Partial<Record<'from' | 'to', string>> {
  const problems: Partial<Record<'from' | 'to', string>> = {};
  if (from && !DATE.test(from)) problems.from = 'must be a date';
  if (to && !DATE.test(to)) problems.to = 'must be a date';
  if (!problems.from && !problems.to && from && to && to < from) problems.to = 'must not be before the start date';
  return problems;
}
