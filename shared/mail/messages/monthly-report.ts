/**
 * The doctor's monthly report: wording, the HTML (with a bar chart built from table cells and inline
 * styles, which every mail client shows: no SVG, no script, no external image) and the plain text. The
 * most frequent diagnoses are clinical values; they are allowed here only because this mail goes to the
 * doctor who wrote them (ADR 026), never to a patient. The PDF copy (jobs/monthly-report-pdf.ts) uses the
 * same words from REPORT_WORDS.
 */
import type { Config } from '../../config';
import type { AppointmentStatus } from '../../db/schema';
import { html, raw, renderEmail, type SafeHtml } from '../template';

export interface MonthlyReport {
  doctorName: string;
  /** `YYYY-MM`, in the hospital's zone. */
  month: string;
  timeZone: string;
  /** Appointments that started in the month, by their status now. */
  byStatus: Record<AppointmentStatus, number>;
  /** Completed visits on each day of the month (every day listed, zeros too). */
  visitsPerDay: Array<{ date: string; visits: number }>;
  /** The five most frequent diagnoses of the month's visits, most frequent first. */
  topDiagnoses: Array<{ diagnosis: string; count: number }>;
}

export const REPORT_WORDS = {
  statusTitle: 'Appointments by status',
  status: { booked: 'Still booked', completed: 'Completed', cancelled: 'Cancelled' } as Record<AppointmentStatus, string>,
  chartTitle: 'Visits per day',
  diagnosesTitle: 'Most frequent diagnoses',
  noDiagnoses: 'No diagnoses were recorded this month.',
  pdfNote: 'A PDF copy of this report is attached.',
};

/** "November 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** "Mon 02": a day's label in the chart. */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  return `${weekday} ${String(d).padStart(2, '0')}`;
}

const BAR_COLOUR = '#0b5394';
const BAR_MAX_PX = 320;

/** The bar chart as nested tables: widths in both the attribute (Outlook) and the style (the rest). */
export function visitsChartHtml(days: MonthlyReport['visitsPerDay']): SafeHtml {
  const most = Math.max(1, ...days.map((d) => d.visits));
  const rows = days.map(({ date, visits }) => {
    const width = visits === 0 ? 0 : Math.max(2, Math.round((visits / most) * BAR_MAX_PX));
    const bar = width === 0 ? '' : html`<td width="${width}" height="12" bgcolor="${BAR_COLOUR}" style="width:${width}px;height:12px;background:${BAR_COLOUR};font-size:0;line-height:0">&nbsp;</td>`;
    return html`<tr><td style="padding:1px 8px 1px 0;font-size:12px;white-space:nowrap;color:#52606d">${dayLabel(date)}</td><td style="padding:1px 0"><table role="presentation" cellpadding="0" cellspacing="0"><tr>${bar}<td style="padding-left:6px;font-size:12px">${visits}</td></tr></table></td></tr>`;
  });
  return html`<table role="presentation" class="visits-chart" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`;
}

export function visitsChartText(days: MonthlyReport['visitsPerDay']): string {
  const most = Math.max(1, ...days.map((d) => d.visits));
  return days.map(({ date, visits }) => `${dayLabel(date)}  ${'#'.repeat(Math.round((visits / most) * 30)).padEnd(30)} ${visits}`).join('\n');
}

const h2 = (text: string) => html`<h2 style="margin:20px 0 8px;font-size:17px">${text}</h2>`;

export function monthlyReportEmail(config: Pick<Config, 'hospitalName' | 'webOrigins'>, report: MonthlyReport): { subject: string; html: string; text: string } {
  const label = monthLabel(report.month);
  const total = report.byStatus.booked + report.byStatus.completed + report.byStatus.cancelled;
  const statuses = (['completed', 'cancelled', 'booked'] as const).map((s) => ({ label: REPORT_WORDS.status[s], count: report.byStatus[s] }));
  const statusHtml = html`<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 8px;font-size:15px">${statuses.map(
    (s) => html`<tr><td style="padding:3px 16px 3px 0">${s.label}</td><td style="padding:3px 0;font-weight:bold;text-align:right">${s.count}</td></tr>`,
  )}</table>`;
  const diagnosesHtml =
    report.topDiagnoses.length === 0
      ? html`<p style="margin:0 0 14px;font-size:15px">${REPORT_WORDS.noDiagnoses}</p>`
      : html`<ol style="margin:0 0 14px;padding-left:22px;font-size:15px">${report.topDiagnoses.map((d) => html`<li>${d.diagnosis} (${d.count})</li>`)}</ol>`;
  const extraHtml = html`${h2(REPORT_WORDS.statusTitle)}${statusHtml}${h2(REPORT_WORDS.chartTitle)}${visitsChartHtml(report.visitsPerDay)}${h2(REPORT_WORDS.diagnosesTitle)}${diagnosesHtml}${raw('')}`;
  const extraText = [
    `${REPORT_WORDS.statusTitle}:`,
    ...statuses.map((s) => `  ${s.label}: ${s.count}`),
    '',
    `${REPORT_WORDS.chartTitle}:`,
    visitsChartText(report.visitsPerDay),
    '',
    `${REPORT_WORDS.diagnosesTitle}:`,
    ...(report.topDiagnoses.length === 0 ? [`  ${REPORT_WORDS.noDiagnoses}`] : report.topDiagnoses.map((d, i) => `  ${i + 1}. ${d.diagnosis} (${d.count})`)),
  ].join('\n');
  return renderEmail(config, {
    subject: `Your monthly report for ${label}`,
    heading: `Your month: ${label}`,
    paragraphs: [
      `Dear ${report.doctorName}, here is your summary of ${label}: ${total} appointment${total === 1 ? '' : 's'}, days as the hospital's calendar counts them (${report.timeZone}).`,
      REPORT_WORDS.pdfNote,
    ],
    extraHtml,
    extraText,
    action: { label: 'Open Wardline', path: '/' },
  });
}
