/** An appointment as one line of a doctor's lists: time (hospital zone, named), patient, status, reason, a link to it. */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { DoctorAppointmentDto } from '../lib/doctor-api';
import { dateInZone, formatTimeRange, hospitalZone } from '../lib/format';
import { StatusBadge } from './ui';

/** The appointment's page; its date goes along so the page finds it with one request. */
export function appointmentHref(appointment: Pick<DoctorAppointmentDto, 'id' | 'start'>): string {
  return `/doctor/appointments/${encodeURIComponent(appointment.id)}?on=${dateInZone(appointment.start, hospitalZone())}`;
}

export function AppointmentItem(props: { appointment: DoctorAppointmentDto }) {
  const a = () => props.appointment;
  return (
    <li class="list__item doctor-appt">
      <span class="doctor-appt__time">{formatTimeRange(a().start, a().end)}</span>
      <span class="doctor-appt__who">
        <A href={appointmentHref(a())}>{a().patientName}</A>
        <span class="visually-hidden">, </span>
      </span>
      <StatusBadge status={a().status} />
      <Show when={a().reason}>
        <span class="doctor-appt__reason">Reason: {a().reason}</span>
      </Show>
    </li>
  );
}

export function AppointmentList(props: { items: readonly DoctorAppointmentDto[]; label: string }) {
  return (
    <ul class="list" aria-label={props.label}>
      <For each={props.items}>{(appointment) => <AppointmentItem appointment={appointment} />}</For>
    </ul>
  );
}
