/**
 * A resource's last good value, or undefined while it has none or has failed. Solid's `resource.latest`
 * throws the error of a failed load, so a page title or a side effect that reads it (a 404 for an unknown id)
 * would take the whole page down instead of letting `Async` show the error state.
 */
import type { Resource } from 'solid-js';

export function latestOrNothing<T>(resource: Resource<T>): T | undefined {
  return resource.error ? undefined : resource.latest;
}
