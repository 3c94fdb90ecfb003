/** /admin: the hospital in numbers: totals as tiles, and three charts, each with its numbers in a table. */
import { createResource, For, type JSX } from 'solid-js';
import { ChartCanvas } from '../../components/admin-chart';
import { Async, Page, Section, TableWrap } from '../../components/ui';
import { adminApi, type AdminDashboard } from '../../lib/admin-api';
import {
  departmentChartData,
  departmentChartHeight,
  departmentRows,
  describeDepartments,
  describePerDay,
  describeStatus,
  perDayChartData,
  perDayTable,
  statusChartData,
  statusTable,
  type ChartColours,
} from '../../lib/admin-charts';
import type { User } from '../../lib/api';
import './admin.css';

export default function Dashboard(_props: { user: User }) {
  const [dashboard, { refetch }] = createResource(adminApi.dashboard);
  return (
    <Page title="Dashboard" lead="The hospital in numbers, kept up to date as appointments are booked, completed and cancelled.">
      <Async resource={dashboard} refetch={refetch} loadingLabel="Loading the numbers…">
        {(data) => <DashboardBody data={data} />}
      </Async>
    </Page>
  );
}

function DashboardBody(props: { data: AdminDashboard }) {
  const totals = () => [
    { label: 'Doctors', value: props.data.doctors },
    { label: 'Patients', value: props.data.patients },
    { label: 'Appointments in all', value: props.data.appointments.total },
    { label: 'Booked', value: props.data.appointments.booked },
    { label: 'Completed', value: props.data.appointments.completed },
    { label: 'Cancelled', value: props.data.appointments.cancelled },
    { label: 'Today', value: props.data.appointments.today },
  ];
  const perDayRows = () => perDayTable(props.data.series.perDay);
  const departments = () => departmentRows(props.data.series.byDepartment);

  return (
    <>
      <Section title="Totals">
        <dl class="grid admin-tiles">
          <For each={totals()}>
            {(tile) => (
              <div class="tile">
                <dt>{tile.label}</dt>
                <dd class="tile__value">{tile.value}</dd>
              </div>
            )}
          </For>
        </dl>
      </Section>

      <Section title="Appointments per day">
        <ChartCanvas
          class="chart--per-day"
          label={describePerDay(props.data.series.perDay)}
          config={(colours) => ({
            type: 'bar',
            data: perDayChartData(props.data.series.perDay, colours),
            options: {
              scales: {
                x: { stacked: true, grid: { display: false }, ticks: { color: colours.text, autoSkip: true, maxRotation: 0 } },
                y: { stacked: true, beginAtZero: true, ticks: { precision: 0, color: colours.text }, grid: { color: colours.grid } },
              },
              plugins: { legend: legend(colours) },
            },
          })}
        />
        <Numbers label="Appointments per day by status, the numbers">
          <table class="table">
            <caption>Appointments per day by status</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" class="num">Booked</th>
                <th scope="col" class="num">Completed</th>
                <th scope="col" class="num">Cancelled</th>
                <th scope="col" class="num">All</th>
              </tr>
            </thead>
            <tbody>
              <For each={perDayRows()}>
                {(row) => (
                  <tr>
                    <th scope="row">{row.label}</th>
                    <td class="num">{row.booked}</td>
                    <td class="num">{row.completed}</td>
                    <td class="num">{row.cancelled}</td>
                    <td class="num">{row.total}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Numbers>
      </Section>

      <div class="admin-charts">
        <Section title="By status">
          <ChartCanvas
            class="chart--status"
            label={describeStatus(props.data.appointments)}
            config={(colours) => ({
              type: 'doughnut',
              data: statusChartData(props.data.appointments, colours),
              options: { plugins: { legend: legend(colours) } },
            })}
          />
          <Numbers label="Appointments by status, the numbers">
            <table class="table">
              <caption>Appointments by status</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Appointments</th>
                  <th scope="col" class="num">Share</th>
                </tr>
              </thead>
              <tbody>
                <For each={statusTable(props.data.appointments)}>
                  {(row) => (
                    <tr>
                      <th scope="row">{row.label}</th>
                      <td class="num">{row.count}</td>
                      <td class="num">{row.share}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Numbers>
        </Section>

        <Section title="By department">
          <ChartCanvas
            class="chart--departments"
            height={departmentChartHeight(departments().length)}
            label={describeDepartments(props.data.series.byDepartment)}
            config={(colours) => ({
              type: 'bar',
              data: departmentChartData(props.data.series.byDepartment, colours),
              options: {
                indexAxis: 'y',
                scales: {
                  x: { beginAtZero: true, ticks: { precision: 0, color: colours.text }, grid: { color: colours.grid } },
                  y: { grid: { display: false }, ticks: { color: colours.text } },
                },
                plugins: { legend: { display: false } },
              },
            })}
          />
          <Numbers label="Appointments by department, the numbers">
            <table class="table">
              <caption>Appointments by department</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col" class="num">Appointments</th>
                </tr>
              </thead>
              <tbody>
                <For each={departments()}>
                  {(row) => (
                    <tr>
                      <th scope="row">{row.name}</th>
                      <td class="num">{row.appointments}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Numbers>
        </Section>
      </div>
    </>
  );
}

function legend(colours: ChartColours) {
  return { position: 'bottom' as const, labels: { color: colours.text, boxWidth: 14 } };
}

/** The chart's numbers, folded away for sighted users who only want the picture. */
function Numbers(props: { label: string; children: JSX.Element }) {
  return (
    <details class="admin-numbers">
      <summary>Show the numbers</summary>
      <TableWrap label={props.label}>{props.children}</TableWrap>
    </details>
  );
}
