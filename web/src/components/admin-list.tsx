/**
 * The admin lists' shared parts: filters and the page kept in the URL (lib/admin-filters.ts does the
 * reading and writing), the filter form's buttons, and a table's empty state that tells "nothing matches
 * these filters" from "nothing yet".
 */
import { useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { clearedParams, filterParams, hasFilters, readFilters, readPage, type Filters } from '../lib/admin-filters';
import { Empty } from './ui';

export const ADMIN_PAGE_SIZE = 25;

export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = () => readFilters(params, keys);
  const page = () => readPage(params);
  return {
    filters,
    page,
    filtered: () => hasFilters(filters()),
    apply: (next: Filters<K>) => setParams(filterParams(next)),
    clear: () => setParams(clearedParams(keys)),
    setPage: (n: number) => {
      setParams({ page: n > 1 ? String(n) : undefined });
      // A new page of a long list starts at its top, where the list begins.
      document.getElementById('page-title')?.scrollIntoView({ block: 'start' });
    },
  };
}

export function FilterButtons(props: { filtered: boolean; onClear: () => void; applyLabel?: string }) {
  return (
    <div class="admin-filters__actions">
      <button type="submit" class="button button--primary">
        {props.applyLabel ?? 'Apply filters'}
      </button>
      <Show when={props.filtered}>
        <button type="button" class="button button--secondary" onClick={() => props.onClear()}>
          Clear filters
        </button>
      </Show>
    </div>
  );
}

export function EmptyList(props: { filtered: boolean; what: string; onClear?: () => void }) {
  return (
    <Show when={props.filtered} fallback={<Empty title={`No ${props.what} yet`} />}>
      <Empty title={`No ${props.what} match these filters`}>
        <Show when={props.onClear}>
          <button type="button" class="button button--secondary" onClick={() => props.onClear?.()}>
            Clear filters
          </button>
        </Show>
      </Empty>
    </Show>
  );
}
