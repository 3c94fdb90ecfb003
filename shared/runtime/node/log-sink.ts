/**
 * Log lines for a Node process, written a batch at a time. On Linux a write to a pipe or a file is a
 * synchronous system call, and console.log adds formatting on top: at one line per request that was a
 * fifth of the API's time (issue 6). Lines wait in memory until the end of the current turn of the event
 * loop (or 64 KB), then go out in one write; warnings and errors go out at once, on stderr; whatever is
 * left is written when the process exits. Anything printed for people (the admin password, the "is up"
 * sentence) calls `flushLogs()` first, so it lands after the lines logged before it.
 */
import { createLogger, type LogLevel, type LogSink } from '../logger';

const FLUSH_AT = 64 * 1024;
let pending = '';
let scheduled = false;

export function flushLogs(): void {
  scheduled = false;
  if (pending === '') return;
  const out = pending;
  pending = '';
  process.stdout.write(out);
}

let hooked = false;

export const batchedSink: LogSink = (line, important) => {
  if (!hooked) {
    hooked = true;
    process.on('exit', flushLogs);
  }
  if (important) {
    flushLogs();
    process.stderr.write(`${line}\n`);
    return;
  }
  pending += `${line}\n`;
  if (pending.length >= FLUSH_AT) flushLogs();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flushLogs);
  }
};

/** The logger of a Node entry point. */
export function createNodeLogger(level: LogLevel, base: Record<string, unknown> = {}) {
  return createLogger(level, base, batchedSink);
}
