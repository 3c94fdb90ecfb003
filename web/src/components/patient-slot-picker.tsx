/**
 * A doctor's free slots for the booking window (today and the next 6 days in the hospital's zone): the
 * days as tabs (Ark UI: arrow keys move between days), each day's times as toggle buttons of which one is
 * pressed at a time. Used to book (doctor profile) and to reschedule (appointment page).
 */
import { Tabs } from '@ark-ui/solid/tabs';
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { SlotDto } from '../../../shared/schemas/booking';
import { formatDate, formatTime, hospitalZone, zoneNote } from '../lib/format';
import { bookingWindow, firstDayWithSlots, groupSlotsByDay, keepIfStillFree, toggleSlot } from '../lib/patient-booking';
import { catalog } from '../lib/patient-api';
import { Async, Empty } from './ui';
import { latestOrNothing } from '../lib/resource';

export function SlotPicker(props: {
  doctorId: string;
  selected: SlotDto | null;
  onSelect: (slot: SlotDto | null) => void;
  /** Bump to ask the server again (after "someone just took it"). */
  version?: number;
  /** A start not to offer (the appointment's own time when rescheduling). */
  exclude?: string;
  label?: string;
}) {
  const window = createMemo(() => bookingWindow(hospitalZone()));
  const [slots, { refetch }] = createResource(
    () => ({ doctorId: props.doctorId, version: props.version ?? 0, ...window() }),
    async (source) => (await catalog.slots(source.doctorId, source.from, source.to)).items.filter((s) => s.start !== props.exclude),
  );
  const days = createMemo(() => groupSlotsByDay(latestOrNothing(slots) ?? [], window().from, hospitalZone()));
  const [day, setDay] = createSignal<string | undefined>();

  // Open on the first day with a free time; drop a choice the server no longer offers.
  createEffect(() => {
    const list = latestOrNothing(slots);
    if (!list) return;
    if (!day() || !days().some((d) => d.date === day())) setDay(firstDayWithSlots(days()));
    if (props.selected && !keepIfStillFree(props.selected, list)) props.onSelect(null);
  });

  const dayLabel = (date: string) => formatDate(date, { weekday: 'short', day: 'numeric', month: 'short' });

  return (
    <div class="slot-picker">
      <p class="muted">{zoneNote()}</p>
      <Async resource={slots} refetch={refetch} loadingLabel="Loading free times…" isEmpty={(list) => list.length === 0} empty={<Empty title="No free times this week">This doctor has no free times in the next 7 days. Try another doctor of the same department.</Empty>}>
        {() => (
          // Mounted once the day is known: Ark's panels stay hidden if the first value arrives after mount.
          <Show when={day()}>
            <Tabs.Root value={day()} onValueChange={(details) => setDay(details.value)} class="slot-picker__tabs">
              <Tabs.List class="slot-picker__days" aria-label={props.label ?? 'Days'}>
                <For each={days()}>
                  {(d) => (
                    <Tabs.Trigger value={d.date} class="slot-picker__day">
                      <span class="slot-picker__day-name">{dayLabel(d.date)}</span>
                      <span class="slot-picker__count">{d.slots.length === 0 ? 'none free' : `${d.slots.length} free`}</span>
                    </Tabs.Trigger>
                  )}
                </For>
              </Tabs.List>
              <For each={days()}>
                {(d) => (
                  <Tabs.Content value={d.date} class="slot-picker__panel">
                    <Show when={d.slots.length > 0} fallback={<p class="muted">No free times on {formatDate(d.date)}.</p>}>
                      <div class="slot-picker__times" role="group" aria-label={`Free times on ${formatDate(d.date)}`}>
                        <For each={d.slots}>
                          {(slot) => (
                            <button
                              type="button"
                              class="slot-picker__time"
                              aria-pressed={props.selected?.start === slot.start}
                              onClick={() => props.onSelect(toggleSlot(props.selected, slot))}
                            >
                              {formatTime(slot.start)}
                            </button>
                          )}
                        </For>
                      </div>
                    </Show>
                  </Tabs.Content>
                )}
              </For>
            </Tabs.Root>
          </Show>
        )}
      </Async>
    </div>
  );
}
