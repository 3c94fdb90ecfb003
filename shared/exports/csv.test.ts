import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, createCsvWriter, neutraliseFormula } from './csv';
import type { ExportVisit } from './visits';

const visit = (fields: Partial<ExportVisit> = {}): ExportVisit => ({
  treatmentId: 't-1',
  appointmentId: 'a-1',
  startAt: '2026-03-10T20:00:00.000Z',
  endAt: '2026-03-10T20:30:00.000Z',
  doctorId: 'd-1',
  doctorName: 'Dr Mina Patel',
  departmentName: 'Cardiology',
  diagnosis: 'Hypertension',
  prescription: null,
  notes: null,
  nextVisit: null,
  recordedAt: '2026-03-10T20:25:00.000Z',
  ...fields,
});

async function csvOf(batches: ExportVisit[][], timeZone = 'Pacific/Auckland') {
  const writer = createCsvWriter({ id: 'p-1', name: 'Ada Lovelace' }, timeZone);
  for (const batch of batches) await writer.write(batch);
  return writer.finish();
}

describe('the export CSV', () => {
  test('a diagnosis with commas, quotes, a line break and a formula parses back to its text, the formula neutralised', async () => {
    const nasty = 'Flu, "bad" one\nsecond line =HYPERLINK("http://x","y")';
    const formula = '=HYPERLINK("http://x","y")';
    const text = await csvOf([[visit({ diagnosis: nasty, notes: formula, prescription: '+1 tablet', nextVisit: '2026-06-10' })]]);
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual(['Patient id', 'Patient name', 'Doctor', 'Department', 'Appointment date (Pacific/Auckland)', 'Diagnosis', 'Prescription', 'Notes', 'Next visit suggested']);
    // 20:00 UTC on 10 March is 09:00 on 11 March in Auckland.
    expect(rows[1]).toEqual(['p-1', 'Ada Lovelace', 'Dr Mina Patel', 'Cardiology', '2026-03-11 09:00', nasty, "'+1 tablet", `'${formula}`, '2026-06-10']);
    expect(rows).toHaveLength(2);
    // RFC 4180: CRLF between records, the cell with a quote is quoted with its quotes doubled.
    expect(text).toContain('"Flu, ""bad"" one\nsecond line =HYPERLINK(""http://x"",""y"")"');
    expect(text.split('\r\n')).toHaveLength(3);
  });

  test('every formula start (= + - @ TAB CR) gets an apostrophe; other text is left alone', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['Flu', ' =1', "'=1", '', 'a=b']) expect(neutraliseFormula(cell)).toBe(cell);
  });

  test('rows from several batches come out in order; no visits is the header row alone', async () => {
    const text = await csvOf([[visit({ diagnosis: 'A' })], [visit({ diagnosis: 'B' }), visit({ diagnosis: 'C' })]]);
    expect((parse(text) as string[][]).slice(1).map((r) => r[5])).toEqual(['A', 'B', 'C']);
    const empty = parse(await csvOf([])) as string[][];
    expect(empty).toEqual([CSV_COLUMNS.map((c) => (c.key === 'appointmentDate' ? `${c.header} (Pacific/Auckland)` : c.header))]);
  });
});
