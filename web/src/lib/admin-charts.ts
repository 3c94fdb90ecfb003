/**
 * The dashboard's numbers as chart data and as the tables beside the charts (one source, so what a
 * screen reader hears in a table is what the chart draws), with a one-sentence summary for each canvas's
 * label. Colours come in from the page (CSS variables), so this stays pure and testable.
 */
import type { AdminDashboard } from '../../../shared/schemas/dashboard';
import { formatDate } from './format';

export const STATUSES = ['booked', 'completed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABEL: Record<Status, string> = { booked: 'Booked', completed: 'Completed', cancelled: 'Cancelled' };

export interface ChartColours {
  booked: string;
  completed: string;
  cancelled: string;
  department: string;
  /** Axis labels and legend text. */
  text: string;
  /** Grid lines. */
  grid: string;
  /** The gap between doughnut slices: the card's background. */
  surface: string;
}

export type PerDay = AdminDashboard['series']['perDay'];
export type ByDepartment = AdminDashboard['series']['byDepartment'];
export type Totals = AdminDashboard['appointments'];

/** "3 Dec" for a calendar date "2026-12-03". */
export function shortDate(date: string): string {
  return formatDate(date, { day: 'numeric', month: 'short' });
}

/** Stacked bars per day: one dataset per status, in the table's order. */
export function perDayChartData(days: PerDay, colours: ChartColours) {
  return {
    labels: days.map((day) => shortDate(day.date)),
    datasets: STATUSES.map((status) => ({
      label: STATUS_LABEL[status],
      data: days.map((day) => day[status]),
      backgroundColor: colours[status],
      borderColor: colours[status],
      stack: 'appointments',
    })),
  };
}

export function perDayTable(days: PerDay): Array<{ date: string; label: string; booked: number; completed: number; cancelled: number; total: number }> {
  return days.map((day) => ({
    date: day.date,
    label: formatDate(day.date),
    booked: day.booked,
    completed: day.completed,
    cancelled: day.cancelled,
    total: day.booked + day.completed + day.cancelled,
  }));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function describePerDay(days: PerDay): string {
  if (days.length === 0) return 'Appointments per day: no days to show.';
  const rows = perDayTable(days);
  const busiest = rows.reduce((best, row) => (row.total > best.total ? row : best), rows[0]!);
  const sum = rows.reduce((n, row) => n + row.total, 0);
  const range = `${formatDate(days[0]!.date)} to ${formatDate(days[days.length - 1]!.date)}`;
  return (
    `Bar chart of appointments per day by status, ${range}: ${plural(sum, 'appointment', 'appointments')} in all` +
    (sum > 0 ? `, the busiest day ${busiest.label} with ${busiest.total}.` : '.') +
    ' The numbers are in the table below.'
  );
}

/** The doughnut: booked, completed, cancelled. */
export function statusChartData(totals: Totals, colours: ChartColours) {
  return {
    labels: STATUSES.map((status) => STATUS_LABEL[status]),
    datasets: [
      {
        label: 'Appointments',
        data: STATUSES.map((status) => totals[status]),
        backgroundColor: STATUSES.map((status) => colours[status]),
        borderColor: colours.surface,
        borderWidth: 2,
      },
    ],
  };
}

export function statusTable(totals: Totals): Array<{ status: Status; label: string; count: number; share: string }> {
  const all = STATUSES.reduce((n, status) => n + totals[status], 0);
  return STATUSES.map((status) => ({
    status,
    label: STATUS_LABEL[status],
    count: totals[status],
    share: all === 0 ? '0%' : `${Math.round((totals[status] / all) * 100)}%`,
  }));
}

export function describeStatus(totals: Totals): string {
  const parts = statusTable(totals).map((row) => `${row.count} ${row.label.toLowerCase()} (${row.share})`);
  return `Doughnut chart of appointments by status: ${parts.join(', ')}. The numbers are in the table below.`;
}

/** Departments busiest first (ties by name), as horizontal bars. */
export function departmentRows(departments: ByDepartment): ByDepartment {
  return [...departments].sort((a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name));
}

export function departmentChartData(departments: ByDepartment, colours: ChartColours) {
  const rows = departmentRows(departments);
  return {
    labels: rows.map((row) => row.name),
    datasets: [{ label: 'Appointments', data: rows.map((row) => row.appointments), backgroundColor: colours.department, borderColor: colours.department }],
  };
}

export function describeDepartments(departments: ByDepartment): string {
  const rows = departmentRows(departments);
  if (rows.length === 0) return 'Bar chart of appointments by department: no departments yet.';
  const top = rows[0]!;
  return (
    `Bar chart of appointments by department, ${plural(rows.length, 'department', 'departments')}: ` +
    `the busiest is ${top.name} with ${plural(top.appointments, 'appointment', 'appointments')}. The numbers are in the table below.`
  );
}

/** A chart's height in CSS pixels: room for each department's bar. */
export function departmentChartHeight(count: number): number {
  return Math.max(160, 48 + count * 34);
}
