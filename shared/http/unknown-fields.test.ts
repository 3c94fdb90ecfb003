import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { unknownFields } from './validate';

const Window = v.object({ start: v.string(), end: v.string() });
const Schema = v.pipe(
  v.object({
    name: v.string(),
    note: v.optional(v.nullable(v.string())),
    days: v.optional(v.array(v.object({ date: v.string(), windows: v.array(Window) }))),
  }),
  v.check(() => true),
);

describe('unknown fields in a body (no mass assignment)', () => {
  test('a body of known fields has none', () => {
    expect(unknownFields(Schema, { name: 'a', note: null, days: [{ date: 'd', windows: [{ start: 's', end: 'e' }] }] })).toEqual([]);
  });

  test('each unknown key is named by its path, at any depth, through optional, nullable and arrays', () => {
    expect(
      unknownFields(Schema, { name: 'a', role: 'admin', days: [{ date: 'd', windows: [{ start: 's', end: 'e', colour: 'red' }], extra: 1 }] }),
    ).toEqual(['role', 'days.0.windows.0.colour', 'days.0.extra']);
  });

  test('values of the wrong kind are left to the schema (it says what is wrong with them)', () => {
    expect(unknownFields(Schema, { name: 'a', days: 'monday' })).toEqual([]);
    expect(unknownFields(Schema, [1, 2])).toEqual([]);
  });
});
