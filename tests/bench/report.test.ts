import { describe, expect, test } from 'vitest';
import { matrixRows, renderMarkdown, renderMatrixTable, renderTable, type Cell, type Row } from './report';

const rows: Row[] = [
  { name: 'JSON 404', rps: 25000, p50: 1, p99: 4, ratio: 0.55, baselineName: 'Hono hello', baselineRps: 45000, target: '≥ 0.50×', verdict: 'met' },
  { name: 'start', value: '700 ms', target: '≤ 1500 ms', verdict: 'met' },
];
const run = { machine: '2 cores', threads: '2', seconds: 4, rounds: 5, when: '2026-11-26 15:00' };

describe('the bench report', () => {
  test('the terminal table lines up its columns', () => {
    const lines = renderTable(rows).trim().split('\n');
    expect(lines[0]).toMatch(/^case\s+median req\/s/);
    expect(lines[2]).toContain('0.55 of Hono hello (45,000/s)');
  });

  test('a new docs/benchmarks.md has the table between markers; a renewed one keeps what people wrote around it', () => {
    const first = renderMarkdown(rows, run);
    expect(first).toContain('| JSON 404 | 25,000 | 1 | 4 | 0.55 of Hono hello (45,000/s) | ≥ 0.50× | met |');
    const edited = `${first}\n## Why a target is missed\nBecause.\n`;
    const renewed = renderMarkdown([{ ...rows[0]!, ratio: 0.6 } as Row, rows[1]!], { ...run, when: '2026-11-27 09:00' }, edited);
    expect(renewed).toContain('## Why a target is missed\nBecause.');
    expect(renewed).toContain('0.60 of Hono hello');
    expect(renewed).not.toContain('0.55 of Hono hello');
    expect(renewed.match(/bench:table:start/g)).toHaveLength(1);
  });

  test('the matrix has a row per case (a load case names its baseline) and a column per database and process count', () => {
    const load = (rps: number, verdict: 'met' | 'missed'): Row => ({ name: 'GET /api/auth/me (50 conn.)', rps, p50: 2, p99: 9, ratio: rps / 40000, baselineName: 'Hono hello', baselineRps: 40000, target: '≥ 0.30×', verdict });
    const cells: Cell[] = [
      { label: 'SQLite ×1', rows: [load(12000, 'met'), { name: 'dashboard uncached', value: '1.1×', target: '≤ 1.5×', verdict: 'met' }] },
      { label: 'PostgreSQL ×2', rows: [load(8000, 'missed')] },
    ];
    const { header, body } = matrixRows(cells);
    expect(header).toEqual(['case', 'target', 'SQLite ×1', 'PostgreSQL ×2']);
    expect(body).toEqual([
      ['GET /api/auth/me (50 conn.) vs Hono hello', '≥ 0.30×', '12,000/s · 0.30× · p99 9 ms · met', '8,000/s · 0.20× · p99 9 ms · missed'],
      ['dashboard uncached', '≤ 1.5×', '1.1× · met', '—'],
    ]);
    expect(renderMatrixTable(cells)).toContain('SQLite ×1');
    const md = renderMarkdown(rows, { ...run, scale: 'large' }, null, cells);
    expect(md).toContain('| case | target | SQLite ×1 | PostgreSQL ×2 |');
    expect(md).toContain('data: seed --scale large');
    expect(md).toContain('| JSON 404 | 25,000 |');
  });

  test('rows of one value each get a table of their own four columns, with no empty load columns', () => {
    const md = renderMarkdown([rows[1]!], run);
    expect(md).toContain('| case | value | target | verdict |');
    expect(md).toContain('| start | 700 ms | ≤ 1500 ms | met |');
    expect(md).not.toContain('median req/s');
  });
});
