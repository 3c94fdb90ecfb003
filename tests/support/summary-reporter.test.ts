/**
 * The closing line CI reads must not say "0 failed" when vitest failed the run. Runs vitest itself, in a
 * child process, on fixture files that fail in each way a run can fail (a test, a beforeAll, an afterAll,
 * an import, an unhandled error), and reads the lines our reporter prints after vitest's own report.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { summaryLine } from './summary-reporter';

const root = join(import.meta.dirname, 'fixtures', 'summary-reporter');
const vitestBin = join(import.meta.dirname, '..', '..', 'node_modules', 'vitest', 'vitest.mjs');

/** Runs the fixture project (optionally only files whose names contain a filter); answers the exit code and output. */
function runFixtures(filters: string[] = []): Promise<{ code: number; lines: string[]; output: string }> {
  // The child is a vitest of its own, not a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST_DB' && key !== 'NODE_OPTIONS'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitestBin, 'run', '--root', root, '--config', join(root, 'vitest.config.ts'), '--color=false', ...filters],
      { cwd: root, env: { ...env, NO_COLOR: '1', CI: '1' }, timeout: 90_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, lines: stdout.trimEnd().split('\n'), output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('the summary reporter', () => {
  test('a suite whose beforeAll fails is counted as failed, not passed off as skipped', async () => {
    const { code, lines, output } = await runFixtures(['passes', 'before-all-fails']);
    expect(code, output).toBe(1);
    // Before the fix this said "3 passed, 0 failed, 3 skipped" while vitest failed the file.
    expect(lines.at(-1), output).toBe('3 passed, 1 failed (1 suite failed to start), 3 skipped');
  });

  test('a run that passes gets the plain line', async () => {
    const { code, lines, output } = await runFixtures(['passes']);
    expect(code, output).toBe(0);
    expect(lines.at(-1), output).toBe('2 passed, 0 failed, 1 skipped');
  });

  test('every kind of failure counts, each project gets its own line (or says it did not run), and the total comes last', async () => {
    const { code, lines, output } = await runFixtures();
    expect(code, output).toBe(1);
    expect(lines.slice(-4), output).toEqual([
      'one: 3 passed, 2 failed (1 test, 1 suite failed to start), 3 skipped',
      'two: 2 passed, 2 failed (1 suite failed to start, 1 suite failed outside its tests), 0 skipped',
      'three: not run (its server does not answer)',
      '5 passed, 5 failed (1 test, 2 suites failed to start, 1 suite failed outside its tests, 1 unhandled error), 3 skipped',
    ]);
  });

  test('failed tests alone need no explanation; an interrupted run says so', () => {
    const none = { passed: 0, failedTests: 0, skipped: 0, failedToStart: 0, failedOutsideTests: 0, unhandledErrors: 0 };
    expect(summaryLine({ ...none, passed: 4, failedTests: 2 })).toBe('4 passed, 2 failed, 0 skipped');
    expect(summaryLine({ ...none, passed: 1, unhandledErrors: 2 })).toBe('1 passed, 2 failed (2 unhandled errors), 0 skipped');
    expect(summaryLine({ ...none, passed: 1, skipped: 5 }, 'interrupted')).toBe('1 passed, 0 failed, 5 skipped (run interrupted)');
  });
});
