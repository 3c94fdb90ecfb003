import { describe, expect, test } from 'vitest';
import {
  departmentChartData,
  departmentRows,
  describeDepartments,
  describePerDay,
  describeStatus,
  perDayChartData,
  perDayTable,
  statusChartData,
  statusTable,
  type ChartColours,
} from './admin-charts';

const colours: ChartColours = { booked: '#b', completed: '#c', cancelled: '#x', department: '#d', text: '#t', grid: '#g', surface: '#s' };
const days = [
  { date: '2026-12-01', booked: 2, completed: 5, cancelled: 1 },
  { date: '2026-12-02', booked: 4, completed: 0, cancelled: 0 },
  { date: '2026-12-03', booked: 0, completed: 9, cancelled: 3 },
];

describe('the dashboard charts and their tables', () => {
  test('per day: a stacked dataset per status, in the same order as the table, labelled by date', () => {
    const data = perDayChartData(days, colours);
    expect(data.labels).toEqual(['1 Dec', '2 Dec', '3 Dec']);
    expect(data.datasets.map((d) => [d.label, d.data, d.backgroundColor, d.stack])).toEqual([
      ['Booked', [2, 4, 0], '#b', 'appointments'],
      ['Completed', [5, 0, 9], '#c', 'appointments'],
      ['Cancelled', [1, 0, 3], '#x', 'appointments'],
    ]);
    expect(perDayTable(days)).toEqual([
      { date: '2026-12-01', label: 'Tue, 1 Dec 2026', booked: 2, completed: 5, cancelled: 1, total: 8 },
      { date: '2026-12-02', label: 'Wed, 2 Dec 2026', booked: 4, completed: 0, cancelled: 0, total: 4 },
      { date: '2026-12-03', label: 'Thu, 3 Dec 2026', booked: 0, completed: 9, cancelled: 3, total: 12 },
    ]);
  });

  test('per day: the canvas label sums it up and points at the table', () => {
    expect(describePerDay(days)).toBe(
      'Bar chart of appointments per day by status, Tue, 1 Dec 2026 to Thu, 3 Dec 2026: 24 appointments in all, the busiest day Thu, 3 Dec 2026 with 12. The numbers are in the table below.',
    );
    expect(describePerDay([])).toBe('Appointments per day: no days to show.');
  });

  test('by status: slices in status order with the surface between them; shares that round', () => {
    const totals = { total: 12, booked: 3, completed: 8, cancelled: 1, today: 2 };
    const data = statusChartData(totals, colours);
    expect(data.labels).toEqual(['Booked', 'Completed', 'Cancelled']);
    expect(data.datasets[0]).toMatchObject({ data: [3, 8, 1], backgroundColor: ['#b', '#c', '#x'], borderColor: '#s' });
    expect(statusTable(totals).map((r) => [r.label, r.count, r.share])).toEqual([
      ['Booked', 3, '25%'],
      ['Completed', 8, '67%'],
      ['Cancelled', 1, '8%'],
    ]);
    expect(describeStatus(totals)).toBe('Doughnut chart of appointments by status: 3 booked (25%), 8 completed (67%), 1 cancelled (8%). The numbers are in the table below.');
    expect(statusTable({ total: 0, booked: 0, completed: 0, cancelled: 0, today: 0 }).map((r) => r.share)).toEqual(['0%', '0%', '0%']);
  });

  test('by department: busiest first, ties by name, chart and table in the same order', () => {
    const departments = [
      { departmentId: 'a', name: 'Neurology', appointments: 4 },
      { departmentId: 'b', name: 'Cardiology', appointments: 9 },
      { departmentId: 'c', name: 'Dermatology', appointments: 4 },
    ];
    expect(departmentRows(departments).map((d) => d.name)).toEqual(['Cardiology', 'Dermatology', 'Neurology']);
    const data = departmentChartData(departments, colours);
    expect(data.labels).toEqual(['Cardiology', 'Dermatology', 'Neurology']);
    expect(data.datasets[0]!.data).toEqual([9, 4, 4]);
    expect(describeDepartments(departments)).toBe(
      'Bar chart of appointments by department, 3 departments: the busiest is Cardiology with 9 appointments. The numbers are in the table below.',
    );
    expect(describeDepartments([])).toBe('Bar chart of appointments by department: no departments yet.');
  });
});
