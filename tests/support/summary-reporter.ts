/**
 * Prints one plain closing line after vitest's own report, so CI (which reads that line) knows how many
 * tests ran, not only the exit code:
 *
 *   263 passed, 0 failed, 0 skipped
 *   182 passed, 1 failed (1 suite failed to start), 9 skipped
 *
 * A failure outside any test counts as a failure too, and the parentheses say what it was: a file or
 * suite that failed to start (an import that throws, a failing beforeAll: its tests are then reported
 * as skipped), a suite that failed after its tests ran (a failing afterAll), or an unhandled error.
 * With more than one vitest project, a line per project comes first, and a project the config left
 * out (the postgres one without a server) is named there as not run.
 */
import type { Reporter, SerializedError, TestModule, TestRunEndReason, TestSuite } from 'vitest/node';

export interface Counts {
  passed: number;
  failedTests: number;
  skipped: number;
  /** Files or suites with an error of their own and none of their tests run. */
  failedToStart: number;
  /** Files or suites with an error of their own after some of their tests ran. */
  failedOutsideTests: number;
  unhandledErrors: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function countModules(modules: ReadonlyArray<TestModule>, unhandledErrors = 0): Counts {
  const counts: Counts = { passed: 0, failedTests: 0, skipped: 0, failedToStart: 0, failedOutsideTests: 0, unhandledErrors };
  for (const mod of modules) {
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') counts.failedTests++;
      else counts.skipped++;
    }
    let accounted = [...mod.children.allTests()].filter((t) => t.result().state === 'failed').length;
    const owners: Array<TestModule | TestSuite> = [mod, ...mod.children.allSuites()];
    for (const owner of owners) {
      if (owner.errors().length === 0) continue;
      accounted++;
      const ran = [...owner.children.allTests()].some((t) => ['passed', 'failed'].includes(t.result().state));
      if (ran) counts.failedOutsideTests++;
      else counts.failedToStart++;
    }
    // A file vitest calls failed with no error and no failed test to show for it is still a failure.
    if (mod.state() === 'failed' && accounted === 0) counts.failedToStart++;
  }
  return counts;
}

export function totalFailed(c: Counts): number {
  return c.failedTests + c.failedToStart + c.failedOutsideTests + c.unhandledErrors;
}

export function summaryLine(c: Counts, reason?: TestRunEndReason): string {
  const failed = totalFailed(c);
  const parts: string[] = [];
  if (c.failedToStart) parts.push(`${plural(c.failedToStart, 'suite', 'suites')} failed to start`);
  if (c.failedOutsideTests) parts.push(`${plural(c.failedOutsideTests, 'suite', 'suites')} failed outside its tests`);
  if (c.unhandledErrors) parts.push(plural(c.unhandledErrors, 'unhandled error', 'unhandled errors'));
  if (parts.length > 0 && c.failedTests > 0) parts.unshift(plural(c.failedTests, 'test', 'tests'));
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const interrupted = reason === 'interrupted' ? ' (run interrupted)' : '';
  return `${c.passed} passed, ${failed} failed${detail}, ${c.skipped} skipped${interrupted}`;
}

export type SummaryOptions = {
  /** Projects the config left out of this run, with the reason. */
  notRun?: Record<string, string>;
};

export default class SummaryReporter implements Reporter {
  private readonly notRun: Record<string, string>;

  constructor(options: SummaryOptions = {}) {
    this.notRun = options.notRun ?? {};
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = [], reason?: TestRunEndReason) {
    const lines: string[] = [];
    const projects = [...new Set(testModules.map((m) => m.project.name))];
    const notRun = Object.entries(this.notRun);
    if (projects.length + notRun.length > 1) {
      for (const name of projects) lines.push(`${name}: ${summaryLine(countModules(testModules.filter((m) => m.project.name === name)))}`);
      for (const [name, reason] of notRun) lines.push(`${name}: not run (${reason})`);
    }
    // Unhandled errors belong to no one project: they count in the closing line only.
    lines.push(summaryLine(countModules(testModules, unhandledErrors.length), reason));
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
