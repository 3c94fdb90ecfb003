// @vitest-environment happy-dom
/** The date field (Ark UI DatePicker): typed DD/MM/YYYY is the API's YYYY-MM-DD, on Enter and on leaving the field. */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, test } from 'vitest';
import { DateField, formatTyped, parseTyped } from './doctor-date-field';

afterEach(cleanup);

describe('the date field', () => {
  test('typed dates are read day first, and must exist', () => {
    expect(parseTyped('11/12/2026')).toBe('2026-12-11');
    expect(parseTyped(' 1/2/2026 ')).toBe('2026-02-01');
    expect(parseTyped('31/02/2026')).toBeNull();
    expect(parseTyped('2026-12-11')).toBeNull();
    expect(formatTyped({ day: 1, month: 2, year: 2026 })).toBe('01/02/2026');
  });

  for (const how of ['Enter', 'leaving the field'] as const) {
    test(`a typed date is taken on ${how}, labelled and described by its hint`, async () => {
      const values: string[] = [];
      render(() => {
        const [value, setValue] = createSignal('');
        return <DateField id="from" label="From date" value={value()} onValue={(v) => { values.push(v); setValue(v); }} />;
      });
      const input = screen.getByLabelText('From date') as HTMLInputElement;
      expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toContain('DD/MM/YYYY');
      input.focus();
      fireEvent.input(input, { target: { value: '11/12/2026' } });
      if (how === 'Enter') fireEvent.keyDown(input, { key: 'Enter' });
      else input.blur();
      await new Promise((r) => setTimeout(r, 20));
      expect(values).toEqual(['2026-12-11']);
    });
  }

  test('an error is tied to the input', () => {
    render(() => <DateField id="to" label="To date" value="2026-01-01" onValue={() => undefined} error="To date must not be before the from date." />);
    const input = screen.getByLabelText('To date');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('to-error');
    expect((input as HTMLInputElement).value).toBe('01/01/2026');
  });
});
