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

const VALUE_HEADER = ['case', 'value', 'target', 'verdict'];
const valueCells = (row: Row): string[] => ('rps' in row ? cells(row) : [row.name, row.value, row.target, row.verdict]);

export function renderTable(rows: Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return ['', line(table[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n');
}

/** One column of the matrix: a database and a number of API processes, and the rows measured there. */
export interface Cell {
  label: string;
  rows: Row[];
}

/** A row's name in the matrix: a load case names its baseline (booking is judged against two). */
const matrixName = (row: Row) => ('rps' in row ? `${row.name} vs ${row.baselineName}` : row.name);

/** What a matrix cell shows: rate, ratio, p99 and verdict of a load case; value and verdict of another row. */
function matrixCell(row: Row | undefined): string {
  if (!row) return '—';
  if ('rps' in row) return `${Math.round(row.rps).toLocaleString('en-GB')}/s · ${row.ratio.toFixed(2)}× · p99 ${row.p99} ms · ${row.verdict}`;
  return `${row.value} · ${row.verdict}`;
}

/** The matrix: a row per case, a column per database and process count (issue 12). */
export function matrixRows(cells: Cell[]): { header: string[]; body: string[][] } {
  const names: string[] = [];
  const targets = new Map<string, string>();
  for (const cell of cells) {
    for (const row of cell.rows) {
      const name = matrixName(row);
      if (!targets.has(name)) {
        names.push(name);
        targets.set(name, row.target);
      }
    }
  }
  const header = ['case', 'target', ...cells.map((c) => c.label)];
  const body = names.map((name) => [name, targets.get(name)!, ...cells.map((c) => matrixCell(c.rows.find((r) => matrixName(r) === name)))]);
  return { header, body };
}

export function renderMatrixTable(cells: Cell[]): string {
  const { header, body } = matrixRows(cells);
  const table = [header, ...body];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return ['', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/**
 * docs/benchmarks.md: the bench writes only between its two markers, so the analysis written by people
 * around the table (why a target is missed, what the profile shows) stays when the table is renewed.
 */
export function renderMarkdown(
  rows: Row[],
  run: { machine: string; threads: string; seconds: number; rounds: number; when: string; scale?: string },
  previous: string | null = null,
  matrixCells: Cell[] = [],
): string {
  const md = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const matrix = matrixCells.length > 0 ? matrixRows(matrixCells) : null;
  const table = [
    START,
    `Machine: ${run.machine}; UV_THREADPOOL_SIZE=${run.threads}; ${run.rounds} rounds of ${run.seconds} s a case${run.scale ? `; data: seed --scale ${run.scale}` : ''}; run at ${run.when} UTC.`,
    ...(matrix
      ? ['', 'Each cell: median requests a second · ratio to the baseline · p99 · verdict (×N: WEB_CONCURRENCY=N).', '', md(matrix.header), md(matrix.header.map(() => '---')), ...matrix.body.map(md)]
      : []),
    // Rows of one value each (the matrix holds the load cases) need no load columns: case, value, target, verdict.
    ...(rows.length > 0 && rows.every((r) => !('rps' in r))
      ? ['', md(VALUE_HEADER), md(VALUE_HEADER.map(() => '---')), ...rows.map((r) => md(valueCells(r)))]
      : rows.length > 0
        ? ['', md(HEADER), md(HEADER.map(() => '---')), ...rows.map((r) => md(cells(r)))]
        : []),
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
