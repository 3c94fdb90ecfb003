/**
 * A labelled date with Ark UI's DatePicker: type the date, or open the calendar (a grid a
 * keyboard moves through with the arrow keys; Escape closes it and the focus returns to the button).
 * "Today" in the calendar is the hospital's.
 * The input says which hint and error describe it, as the other fields do. The value is the hospital's
 * calendar date as the API takes it (YYYY-MM-DD), '' when empty. Note Ark's own rule on leaving the field:
 * text that is not a date is replaced by the calendar's focused date, so the value is always shown back.
 */
import { DatePicker, parseDate, type DateValue } from '@ark-ui/solid/date-picker';
import { For, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { isRealDate } from '../../../shared/schemas/dates';
import { hospitalZone } from '../lib/format';

const asValue = (text: string): DateValue[] => (isRealDate(text) ? [parseDate(text)] : []);

/**
 * Typed as people in the hospital write a date, DD/MM/YYYY: the picker lets through only digits and its
 * locale's separator ('/' in en-GB), so a typed "2026-12-11" would lose its dashes.
 */
export function formatTyped(date: { day: number; month: number; year: number }): string {
  return `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${String(date.year).padStart(4, '0')}`;
}

/** "11/12/2026" or "1/2/2026" → "2026-12-11"; anything else (or a day that does not exist) → null. */
export function parseTyped(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

export function DateField(props: {
  id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  /** The earliest date the calendar offers (YYYY-MM-DD). */
  min?: string;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  const describedBy = () => [props.error ? `${props.id}-error` : null, `${props.id}-hint`].filter(Boolean).join(' ');
  return (
    <DatePicker.Root
      class="field doctor-date"
      classList={{ 'field--invalid': Boolean(props.error) }}
      ids={{ input: () => props.id, label: () => `${props.id}-label` }}
      locale="en-GB"
      timeZone={hospitalZone()}
      value={asValue(props.value)}
      onValueChange={(details) => props.onValue(details.value[0]?.toString() ?? '')}
      format={(date) => formatTyped(date)}
      parse={(text) => {
        const iso = parseTyped(text);
        return iso ? parseDate(iso) : undefined;
      }}
      placeholder="DD/MM/YYYY"
      invalid={Boolean(props.error)}
      min={props.min && isRealDate(props.min) ? parseDate(props.min) : undefined}
      positioning={{ placement: 'bottom-start' }}
      translations={{
        trigger: (open) => (open ? `Close the calendar for ${props.label}` : `Choose ${props.label} from a calendar`),
        clearTrigger: `Clear ${props.label}`,
      }}
    >
      <DatePicker.Label class="field__label">
        {props.label}
        <Show when={props.optional}>
          <span class="field__optional"> (optional)</span>
        </Show>
      </DatePicker.Label>
      <p class="field__hint" id={`${props.id}-hint`}>
        {props.hint ?? 'As DD/MM/YYYY, or pick it from the calendar.'}
      </p>
      <DatePicker.Control class="doctor-date__control">
        <DatePicker.Input class="field__input doctor-date__input" aria-describedby={describedBy()} autocomplete="off" />
        <DatePicker.Trigger class="button button--secondary doctor-date__trigger">
          <svg aria-hidden="true" viewBox="0 0 16 16" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.6">
            <rect x="2" y="3" width="12" height="11" rx="1.5" />
            <path d="M2 6.5h12M5 1.5v3M11 1.5v3" />
          </svg>
        </DatePicker.Trigger>
        <Show when={props.value}>
          <DatePicker.ClearTrigger class="button button--secondary doctor-date__trigger">Clear</DatePicker.ClearTrigger>
        </Show>
      </DatePicker.Control>
      <Show when={props.error}>
        <p class="field__error" id={`${props.id}-error`}>
          <span class="field__error-mark" aria-hidden="true">!</span>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      </Show>
      <Portal>
        <DatePicker.Positioner>
          <DatePicker.Content class="doctor-calendar">
            <DatePicker.View view="day">
              <DatePicker.Context>
                {(picker) => (
                  <>
                    <DatePicker.ViewControl class="doctor-calendar__head">
                      <DatePicker.PrevTrigger class="button button--secondary button--small">
                        <span aria-hidden="true">‹</span>
                      </DatePicker.PrevTrigger>
                      <span class="doctor-calendar__title" aria-live="polite">
                        <DatePicker.RangeText />
                      </span>
                      <DatePicker.NextTrigger class="button button--secondary button--small">
                        <span aria-hidden="true">›</span>
                      </DatePicker.NextTrigger>
                    </DatePicker.ViewControl>
                    <DatePicker.Table class="doctor-calendar__table">
                      <DatePicker.TableHead>
                        <DatePicker.TableRow>
                          <For each={picker().weekDays}>
                            {(day) => (
                              <DatePicker.TableHeader abbr={day.long}>{day.narrow}</DatePicker.TableHeader>
                            )}
                          </For>
                        </DatePicker.TableRow>
                      </DatePicker.TableHead>
                      <DatePicker.TableBody>
                        <For each={picker().weeks}>
                          {(week) => (
                            <DatePicker.TableRow>
                              <For each={week}>
                                {(day) => (
                                  <DatePicker.TableCell value={day}>
                                    <DatePicker.TableCellTrigger class="doctor-calendar__day">{day.day}</DatePicker.TableCellTrigger>
                                  </DatePicker.TableCell>
                                )}
                              </For>
                            </DatePicker.TableRow>
                          )}
                        </For>
                      </DatePicker.TableBody>
                    </DatePicker.Table>
                  </>
                )}
              </DatePicker.Context>
            </DatePicker.View>
          </DatePicker.Content>
        </DatePicker.Positioner>
      </Portal>
    </DatePicker.Root>
  );
}
