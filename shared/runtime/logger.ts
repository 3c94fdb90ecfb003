/** One JSON line per event on stdout/stderr: greppable locally, parseable by any log shipper. */
import type { Logger } from './deps';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Where finished lines go; `important` lines (warn, error) belong on stderr. */
export type LogSink = (line: string, important: boolean) => void;

/** The plain sink: one console call a line (the Worker's console is its log). */
export const consoleSink: LogSink = (line, important) => (important ? console.error(line) : console.log(line));

export function createLogger(level: LogLevel, base: Record<string, unknown> = {}, sink: LogSink = consoleSink): Logger {
  // The line is `{"time","level","msg",...base,...fields}`, joined from JSON pieces: the base once, not
  // spread into a new object at every request line. (A field named like a base one comes later and wins
  // for any JSON reader, as it did with the spread.)
  const baseJson = JSON.stringify(base);
  const basePart = baseJson === '{}' ? '' : `,${baseJson.slice(1, -1)}`;
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[at] < LEVELS[level]) return;
    const fieldsJson = fields ? JSON.stringify(fields) : '{}';
    const fieldsPart = fieldsJson === '{}' ? '' : `,${fieldsJson.slice(1, -1)}`;
    sink(`{"time":"${new Date().toISOString()}","level":"${at}","msg":${JSON.stringify(message)}${basePart}${fieldsPart}}`, at === 'error' || at === 'warn');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
