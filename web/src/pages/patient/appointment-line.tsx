/** One appointment in a list: when (in the hospital's zone), with whom, its status; the time links to its page. */
import { A } from '@solidjs/router';
import { StatusBadge } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import type { PatientAppointmentDto } from '../../lib/patient-api';

export function AppointmentLine(props: { appointment: PatientAppointmentDto }) {
  return (
    <li class="list__item appointment-line">
      <div>
        <A class="appointment-line__when" href={`/appointments/${props.appointment.id}`}>
          {formatDateTime(props.appointment.start)}
        </A>
        <p class="appointment-line__who">
          {props.appointment.doctorName} · {props.appointment.departmentName}
        </p>
      </div>
      <StatusBadge status={props.appointment.status} />
    </li>
  );
}
