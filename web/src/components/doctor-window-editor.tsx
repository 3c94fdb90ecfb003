/**
 * One day's opening hours as a list of windows ("09:00 to 12:30"), each with its own From and To fields,
 * a Remove button, and Add hours. Each window is a group named "Hours 2 of <day>" so a screen reader
 * knows which From it is in; errors sit under the field they are about. Index, not For: a window being
 * typed in keeps its input (and the focus) while its value changes.
 */
import { Index, Show } from 'solid-js';
import { TextField } from './field';
import type { WindowDraft, WindowErrors } from '../lib/doctor-windows';

export function WindowEditor(props: {
  idPrefix: string;
  dayLabel: string;
  windows: readonly WindowDraft[];
  errors: readonly WindowErrors[];
  onChange: (windows: WindowDraft[]) => void;
  /** Said when there are no windows: "Day off" or "No hours on Mondays". */
  emptyText: string;
}) {
  const update = (index: number, part: keyof WindowDraft, value: string) =>
    props.onChange(props.windows.map((w, i) => (i === index ? { ...w, [part]: value } : w)));
  const remove = (index: number) => props.onChange(props.windows.filter((_, i) => i !== index));
  const add = () => {
    const last = props.windows[props.windows.length - 1];
    // A new window starts where the last one ended, so it is valid as soon as its end is typed.
    props.onChange([...props.windows, last ? { start: last.end === '24:00' ? '' : last.end, end: '' } : { start: '09:00', end: '17:00' }]);
  };

  return (
    <div class="stack">
      <Show when={props.windows.length > 0} fallback={<p class="muted">{props.emptyText}</p>}>
        <ul class="doctor-windows">
          <Index each={props.windows}>
            {(w, i) => (
              <li>
                <div class="doctor-window" role="group" aria-label={`Hours ${i + 1} of ${props.dayLabel}`}>
                  <TextField
                    id={`${props.idPrefix}-w${i}-start`}
                    label="From"
                    placeholder="09:00"
                    autocomplete="off"
                    spellcheck={false}
                    maxLength={5}
                    value={w().start}
                    onValue={(value) => update(i, 'start', value)}
                    error={props.errors[i]?.start}
                  />
                  <TextField
                    id={`${props.idPrefix}-w${i}-end`}
                    label="To"
                    placeholder="17:00"
                    autocomplete="off"
                    spellcheck={false}
                    maxLength={5}
                    value={w().end}
                    onValue={(value) => update(i, 'end', value)}
                    error={props.errors[i]?.end}
                  />
                  <button type="button" class="button button--secondary button--small doctor-window__remove" onClick={() => remove(i)}>
                    Remove<span class="visually-hidden"> hours {i + 1} of {props.dayLabel}</span>
                  </button>
                </div>
              </li>
            )}
          </Index>
        </ul>
      </Show>
      <div>
        <button type="button" class="button button--secondary button--small" onClick={add}>
          Add hours<span class="visually-hidden"> to {props.dayLabel}</span>
        </button>
      </div>
    </div>
  );
}
