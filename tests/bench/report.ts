/** The bench table, for the terminal and for docs/benchmarks.md. */

export type Row =
  | {
      name: string;
      rps: number;
      p50: number;
      p99: number;
      ratio: number;
      baselineName: string;
      baselineRps: number;
      target: string;
      verdict: 'met' | 'missed' | 'reported';
    }
  | { name: string; value: string; target: string; verdict: string };

const HEADER = ['case', 'median req/s', 'p50 ms', 'p99 ms', 'ratio to baseline', 'target', 'verdict'];

function cells(row: Row): string[] {
  if ('rps' in row) {
    return [
      row.name,
      Math.round(row.rps).toLocaleString('en-GB'),
      String(row.p50),
      String(row.p99),
      `${row.ratio.toFixed(2)} of ${row.baselineName} (${Math.round(row.baselineRps).toLocaleString('en-GB')}/s)`,
      row.target,
      row.verdict,
    ];
  }
  return [row.name, row.value, '', '', '', row.target, row.verdict];
}

export function renderTable(rows: Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return ['', line(table[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n');
}

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/**
 * docs/benchmarks.md: the bench writes only between its two markers, so the analysis written by people
 * around the table (why a target is missed, what the profile shows) stays when the table is renewed.
 */
export function renderMarkdown(
  rows: Row[],
  run: { machine: string; threads: string; seconds: number; rounds: number; when: string },
  previous: string | null = null,
): string {
  const md = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const table = [
    START,
    `Machine: ${run.machine}; UV_THREADPOOL_SIZE=${run.threads}; ${run.rounds} rounds of ${run.seconds} s a case; run at ${run.when} UTC.`,
    '',
    md(HEADER),
    md(HEADER.map(() => '---')),
    ...rows.map((r) => md(cells(r))),
    END,
  ].join('\n');
  if (previous?.includes(START) && previous.includes(END)) {
    return previous.slice(0, previous.indexOf(START)) + table + previous.slice(previous.indexOf(END) + END.length);
  }
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (tests/bench/run.ts), which replaces only the table between its markers. Each',
    'load case runs against a baseline in a process of its own in the same run (a bare Hono "hello" on',
    '@hono/node-server, or argon2id verify alone with the same parameters and thread pool), alternating',
    'baseline and case after a warm-up, with autocannon in a third process; the ratio is the median of the',
    "rounds' ratios. Wardline runs as `npm start` runs it in production (the compiled bundle, LOG_LEVEL=info).",
    '',
    table,
    '',
  ].join('\n');
}
