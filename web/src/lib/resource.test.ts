import { createResource, createRoot } from 'solid-js';
import { describe, expect, test } from 'vitest';
import { latestOrNothing } from './resource';

describe('latestOrNothing', () => {
  test("a failed load is nothing, where Solid's own `latest` throws its error (a page title that read it would break the page)", async () => {
    await createRoot(async (dispose) => {
      const [failed] = createResource(async () => {
        throw new Error('404');
      });
      await new Promise((r) => setTimeout(r, 0));
      expect(() => failed.latest).toThrow('404');
      expect(latestOrNothing(failed)).toBeUndefined();
      const [loaded] = createResource(async () => 'Dr Okafor');
      await new Promise((r) => setTimeout(r, 0));
      expect(latestOrNothing(loaded)).toBe('Dr Okafor');
      dispose();
    });
  });
});
