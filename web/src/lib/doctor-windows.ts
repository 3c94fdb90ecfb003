/**
 * The availability editor's rules, checked in the browser before anything is sent (the server checks
 * them again): each window is HH:MM to HH:MM (an end may be 24:00), ends after it starts, and does not
 * overlap another window of the same day. Errors are per field so each shows under its own input.
 */
export interface WindowDraft {
  start: string;
  end: string;
}

export interface WindowErrors {
  start?: string;
  end?: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_OR_MIDNIGHT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** "9:00", "0900" and " 09:00 " as "09:00"; anything else is left for the check to refuse. */
export function normaliseClock(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})[:.h]?(\d{2})$/.exec(trimmed);
  if (!match) return trimmed;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Errors by window index; an empty array entry means that window is fine. */
export function windowErrors(windows: readonly WindowDraft[]): WindowErrors[] {
  const errors: WindowErrors[] = windows.map(() => ({}));
  windows.forEach((w, i) => {
    const e = errors[i]!;
    if (w.start.trim() === '') e.start = 'Enter a start time, such as 09:00.';
    else if (!CLOCK.test(w.start)) e.start = 'Start must be a time as HH:MM (00:00 to 23:59).';
    if (w.end.trim() === '') e.end = 'Enter an end time, such as 12:30.';
    else if (!CLOCK_OR_MIDNIGHT.test(w.end)) e.end = 'End must be a time as HH:MM (00:00 to 24:00).';
    if (!e.start && !e.end && minutesOf(w.end) <= minutesOf(w.start)) e.end = `End must be after the start (${w.start}).`;
  });
  const valid = windows.map((w, index) => ({ ...w, index })).filter((w) => !errors[w.index]!.start && !errors[w.index]!.end);
  const order = valid.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let i = 1; i < order.length; i++) {
    const previous = order[i - 1]!;
    const current = order[i]!;
    if (minutesOf(current.start) < minutesOf(previous.end)) {
      errors[current.index]!.start = `This window overlaps ${previous.start}–${previous.end}; start it at ${previous.end} or later.`;
    }
  }
  return errors;
}

export function hasErrors(errors: readonly WindowErrors[]): boolean {
  return errors.some((e) => e.start !== undefined || e.end !== undefined);
}

/** Windows as the API wants them: normalised and in time order. */
export function cleanWindows(windows: readonly WindowDraft[]): WindowDraft[] {
  return windows.map((w) => ({ start: normaliseClock(w.start), end: normaliseClock(w.end) })).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

/**
 * The server's field errors (`days.0.windows.1` or `days.0.windows.1.end`, `weekly.3.windows.0`) for one
 * day of a request, by window index. A message about the whole window goes under its start.
 */
export function serverWindowErrors(fields: Record<string, string>, prefix: string): { windows: Map<number, WindowErrors>; other: string[] } {
  const windows = new Map<number, WindowErrors>();
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    if (!path.startsWith(`${prefix}.`) && path !== prefix) continue;
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.windows\\.(\\d+)(?:\\.(start|end))?$`).exec(path);
    if (!match) {
      other.push(message);
      continue;
    }
    const index = Number(match[1]);
    const part = (match[2] ?? 'start') as 'start' | 'end';
    const label = part === 'start' ? 'Start' : 'End';
    const e = windows.get(index) ?? {};
    e[part] = /^[a-z]/.test(message) ? `${match[2] ? label : 'This window'} ${message}.` : message;
    windows.set(index, e);
  }
  return { windows, other };
}
