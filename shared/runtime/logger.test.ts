import { describe, expect, test } from 'vitest';
import { createLogger } from './logger';

function capture(level: Parameters<typeof createLogger>[0], base?: Record<string, unknown>) {
  const lines: Array<{ line: string; important: boolean }> = [];
  const log = createLogger(level, base, (line, important) => lines.push({ line, important }));
  return { log, lines };
}

describe('the JSON logger', () => {
  test('a line is one JSON object: time, level, msg, then the base fields, then the event fields', () => {
    const { log, lines } = capture('info', { service: 'wardline' });
    log.info('request', { requestId: 'r-1', status: 200, path: '/api/x "quoted"\n' });
    const parsed = JSON.parse(lines[0]!.line);
    expect(Object.keys(parsed)).toEqual(['time', 'level', 'msg', 'service', 'requestId', 'status', 'path']);
    expect(parsed).toMatchObject({ level: 'info', msg: 'request', service: 'wardline', requestId: 'r-1', status: 200, path: '/api/x "quoted"\n' });
    expect(new Date(parsed.time).toISOString()).toBe(parsed.time);
    expect(lines[0]!.line).not.toContain('\n');
  });

  test('no base and no fields still make valid JSON; a field named like a base one wins', () => {
    const plain = capture('debug');
    plain.log.debug('hello');
    expect(JSON.parse(plain.lines[0]!.line)).toMatchObject({ level: 'debug', msg: 'hello' });
    const both = capture('info', { service: 'a' });
    both.log.info('x', { service: 'b' });
    expect(JSON.parse(both.lines[0]!.line).service).toBe('b');
  });

  test('levels below the configured one are dropped; warnings and errors are marked important', () => {
    const { log, lines } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e', { error: { name: 'Error', message: 'boom' } });
    expect(lines.map((l) => [JSON.parse(l.line).msg, l.important])).toEqual([['w', true], ['e', true]]);
    expect(capture('silent').log.error('x')).toBeUndefined();
  });
});
