/** Reading a Solid resource that failed throws its error; the pages' side effects (polling, options) want "nothing" instead. */
import type { Resource } from 'solid-js';

export function latestOrNothing<T>(resource: Resource<T>): T | undefined {
  return resource.error ? undefined : resource.latest;
}
