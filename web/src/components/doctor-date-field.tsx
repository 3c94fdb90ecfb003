/**
 * A labelled date (YYYY-MM-DD) with Ark UI's DatePicker: type the date, or open the calendar (a grid a
 * keyboard moves through with the arrow keys; Escape closes it and the focus returns to the button).
 * "Today" in the calendar is the hospital's.
 * The input says which hint and error describe it, as the other fields do. The value is the hospital's
 * calendar date as the API takes it, '' when empty.
 */
import { DatePicker, parseDate, type DateValue } from '@ark-ui/solid/date-picker';
import { For, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { isRealDate } from '../../../shared/schemas/dates';
import { hospitalZone } from '../lib/format';

const asValue = (text: string): DateValue[] => (isRealDate(text) ? [parseDate(text)] : []);

export function DateField(props: {
  id: string;
  label: string;
  hint?: string;
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
      format={(date) => date.toString()}
      parse={(text) => (isRealDate(text.trim()) ? parseDate(text.trim()) : undefined)}
      placeholder="YYYY-MM-DD"
      invalid={Boolean(props.error)}
      positioning={{ placement: 'bottom-start' }}
      translations={{
        trigger: (open) => (open ? `Close the calendar for ${props.label}` : `Choose ${props.label} from a calendar`),
        clearTrigger: `Clear ${props.label}`,
      }}
    >
      <DatePicker.Label class="field__label">{props.label}</DatePicker.Label>
      <p class="field__hint" id={`${props.id}-hint`}>
        {props.hint ?? 'As YYYY-MM-DD, or pick it from the calendar.'}
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
