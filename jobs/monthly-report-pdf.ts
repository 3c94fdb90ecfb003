/**
 * The PDF copy of a doctor's monthly report, drawn with pdfkit (ADR 026): the same words and numbers as
 * the mail, and the same bar chart, drawn as rectangles. Built in memory (a report is a page or two).
 * The document's dates are fixed to the month's end, so the same report gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { REPORT_WORDS, dayLabel, monthLabel, type MonthlyReport } from '../shared/mail/messages/monthly-report';

const BAR_COLOUR = '#0b5394';

export async function monthlyReportPdf(hospitalName: string, report: MonthlyReport): Promise<Uint8Array> {
  const label = monthLabel(report.month);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Monthly report ${label}`, Author: hospitalName, CreationDate: new Date(`${report.month}-01T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((done, fail) => {
    doc.on('end', done);
    doc.on('error', fail);
  });

  doc.font('Helvetica-Bold').fontSize(11).fillColor(BAR_COLOUR).text(hospitalName);
  doc.moveDown(0.5).fillColor('#1f2933').fontSize(20).text(`Monthly report: ${label}`);
  doc.font('Helvetica').fontSize(11).text(`${report.doctorName} · days as the hospital's calendar counts them (${report.timeZone})`);

  doc.moveDown().font('Helvetica-Bold').fontSize(14).text(REPORT_WORDS.statusTitle);
  doc.font('Helvetica').fontSize(11);
  for (const status of ['completed', 'cancelled', 'booked'] as const) doc.text(`${REPORT_WORDS.status[status]}: ${report.byStatus[status]}`);

  doc.moveDown().font('Helvetica-Bold').fontSize(14).text(REPORT_WORDS.chartTitle);
  drawChart(doc, report.visitsPerDay);

  doc.font('Helvetica-Bold').fontSize(14).text(REPORT_WORDS.diagnosesTitle, 50);
  doc.font('Helvetica').fontSize(11);
  if (report.topDiagnoses.length === 0) doc.text(REPORT_WORDS.noDiagnoses);
  report.topDiagnoses.forEach((d, i) => doc.text(`${i + 1}. ${d.diagnosis} (${d.count})`));

  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

/** One row per day: label, bar (width by visits), count; a new page when the page runs out. */
function drawChart(doc: PDFKit.PDFDocument, days: MonthlyReport['visitsPerDay']): void {
  const left = 50;
  const barLeft = left + 50;
  const barMax = 330;
  const rowHeight = 14;
  const most = Math.max(1, ...days.map((d) => d.visits));
  let y = doc.y + 4;
  doc.font('Helvetica').fontSize(9);
  for (const { date, visits } of days) {
    if (y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.fillColor('#52606d').text(dayLabel(date), left, y + 1, { width: 48, lineBreak: false });
    const width = visits === 0 ? 0 : Math.max(2, (visits / most) * barMax);
    if (width > 0) doc.rect(barLeft, y, width, rowHeight - 4).fill(BAR_COLOUR);
    doc.fillColor('#1f2933').text(String(visits), barLeft + width + 6, y + 1, { lineBreak: false });
    y += rowHeight;
  }
  doc.x = left;
  doc.y = y + 10;
}
