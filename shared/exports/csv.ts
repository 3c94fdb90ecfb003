/**
 * The export's CSV (ADR 027), written by csv-stringify as a stream: rows go in a batch at a time and come
 * out as text, so the visits are never all held as objects. csv-stringify quotes a cell holding a comma,
 * a quote or a line break (RFC 4180); on top of that every text cell that a spreadsheet would take for a
 * formula gets a leading apostrophe (OWASP "CSV injection"): `=HYPERLINK(...)` opens as text, not a link.
 */
// The library's build with its own stream implementation: the same code runs in Node and in a Worker
// (the Worker's queue consumer runs this processor too), where Node's `stream` is not in the bundle.
import { stringify } from 'csv-stringify/browser/esm';
import { dateInZone } from '../domain/calendar';
import { clockAt } from '../domain/zoned-time';
import type { ExportVisit } from './visits';

/** Characters that make a spreadsheet read a cell as a formula (OWASP): = + - @ TAB CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The next `event` of a stream, as a promise (no node:events: this also runs in a Worker). */
function once(emitter: { once(event: string, listener: () => void): unknown }, event: string): Promise<void> {
  return new Promise((resolve) => emitter.once(event, () => resolve()));
}

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export const CSV_COLUMNS = [
  { key: 'patientId', header: 'Patient id' },
  { key: 'patientName', header: 'Patient name' },
  { key: 'doctor', header: 'Doctor' },
  { key: 'department', header: 'Department' },
  { key: 'appointmentDate', header: 'Appointment date' },
  { key: 'diagnosis', header: 'Diagnosis' },
  { key: 'prescription', header: 'Prescription' },
  { key: 'notes', header: 'Notes' },
  { key: 'nextVisit', header: 'Next visit suggested' },
] as const;

export interface CsvWriter {
  write(visits: ExportVisit[]): Promise<void>;
  /** Ends the stream; answers the whole file. */
  finish(): Promise<string>;
}

/** `appointmentDate` is `YYYY-MM-DD HH:MM` on the hospital's wall clock; the header names the zone. */
export function createCsvWriter(patient: { id: string; name: string }, timeZone: string): CsvWriter {
  const stringifier = stringify({
    header: true,
    columns: CSV_COLUMNS.map((c) => ({ key: c.key, header: c.key === 'appointmentDate' ? `${c.header} (${timeZone})` : c.header })),
    // RFC 4180 ends records with CRLF; spreadsheets read it everywhere.
    record_delimiter: 'windows',
    cast: { string: neutraliseFormula },
  });
  stringifier.setEncoding('utf8');
  const parts: string[] = [];
  stringifier.on('data', (chunk: string) => parts.push(chunk));
  const ended = once(stringifier, 'end');
  return {
    async write(visits) {
      for (const v of visits) {
        const start = new Date(v.startAt);
        const ok = stringifier.write({
          patientId: patient.id,
          patientName: patient.name,
          doctor: v.doctorName,
          department: v.departmentName,
          appointmentDate: `${dateInZone(start, timeZone)} ${clockAt(start, timeZone)}`,
          diagnosis: v.diagnosis,
          prescription: v.prescription,
          notes: v.notes,
          nextVisit: v.nextVisit,
        });
        if (!ok) await once(stringifier, 'drain');
      }
    },
    async finish() {
      stringifier.end();
      await ended;
      return parts.join('');
    },
  };
}
