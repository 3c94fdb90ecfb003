/** Appointments as the admin lists them (all of them, or one patient's): when, who, where, status. */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { AdminAppointment } from '../lib/admin-api';
import { dateInZone, formatDate, formatTimeRange } from '../lib/format';
import { StatusBadge, TableWrap } from './ui';

export function AdminAppointmentsTable(props: { items: AdminAppointment[]; label: string; showPatient?: boolean }) {
  return (
    <TableWrap label={props.label}>
      <table class="table admin-wide-table">
        <caption class="visually-hidden">{props.label}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <Show when={props.showPatient !== false}>
              <th scope="col">Patient</th>
            </Show>
            <th scope="col">Doctor</th>
            <th scope="col">Department</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(a) => (
              <tr>
                <th scope="row" class="admin-when">
                  {formatDate(dateInZone(a.start))}
                  <span class="admin-sub">{formatTimeRange(a.start, a.end)}</span>
                </th>
                <Show when={props.showPatient !== false}>
                  <td>
                    <A href={`/admin/patients/${encodeURIComponent(a.patientId)}`}>{a.patientName}</A>
                  </td>
                </Show>
                <td>
                  <A href={`/admin/doctors/${encodeURIComponent(a.doctorId)}`}>{a.doctorName}</A>
                </td>
                <td>{a.departmentName}</td>
                <td>
                  <StatusBadge status={a.status} />
                  <Show when={a.status === 'cancelled' && a.cancelReason}>
                    <span class="admin-sub">{a.cancelReason}</span>
                  </Show>
                </td>
                <td class="admin-reason">{a.reason ?? <span class="muted">None given</span>}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
