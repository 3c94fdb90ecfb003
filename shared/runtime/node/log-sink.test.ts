/**
 * The batched log sink in a real child process: lines come out whole and in order, a burst goes out in
 * few writes, and nothing is lost when the process exits at once, or when something is printed for
 * people in between.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

async function run(script: string) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: 20_000 });
  return { stdout, stderr };
}

const PRELUDE = `import { createNodeLogger, flushLogs } from './shared/runtime/node/log-sink.ts'; const log = createNodeLogger('info');`;

describe('the batched log sink', () => {
  test('a burst of lines comes out whole, in order, in a handful of writes', async () => {
    const { stdout } = await run(`${PRELUDE}
      let writes = 0; const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = (chunk, ...rest) => { writes++; return write(chunk, ...rest); };
      for (let i = 0; i < 1000; i++) log.info('request', { i });
      setTimeout(() => { process.stdout.write = write; console.log('WRITES ' + writes); }, 50);`);
    const lines = stdout.trim().split('\n');
    const writes = Number(lines.pop()!.replace('WRITES ', ''));
    expect(lines.map((l) => JSON.parse(l).i)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(writes).toBeLessThanOrEqual(3);
  });

  test('lines logged just before process.exit() are written, and plain text printed after flushLogs() comes after them', async () => {
    const { stdout, stderr } = await run(`${PRELUDE}
      log.info('first'); log.info('second'); flushLogs(); console.log('plain sentence'); log.info('third'); log.warn('careful');
      process.exit(0);`);
    const out = stdout.trim().split('\n');
    expect(out.map((l) => (l.startsWith('{') ? JSON.parse(l).msg : l))).toEqual(['first', 'second', 'plain sentence', 'third']);
    expect(JSON.parse(stderr.trim()).msg).toBe('careful');
  });
});
