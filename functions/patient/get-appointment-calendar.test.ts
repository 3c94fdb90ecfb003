import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { createDepartment, createDoctor } from '../../tests/support/doctors';
import { auditRowsOf, createAppointment, signedIn } from '../../tests/support/patient-records';
import { newId } from '../../shared/ids';
import getAppointmentCalendar from './get-appointment-calendar';

const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London', HOSPITAL_NAME: 'St Wardline Infirmary' });

async function setting() {
  const deps = world().deps;
  const department = await createDepartment(deps, { name: `Dermatology ${newId().slice(-6)}` });
  const doctor = await createDoctor(deps, { name: 'Dr Ola Nordmann', departmentId: department.id });
  const patient = await signedIn(deps, [getAppointmentCalendar]);
  return { deps, doctor, department, patient };
}

function parse(text: string) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevents = calendar.getAllSubcomponents('vevent');
  const vevent = vevents[0]!;
  return { vevents, vevent, event: new ICAL.Event(vevent) };
}

describe('GET /api/patient/appointments/:id/calendar.ics', () => {
  test("the visit as an iCalendar attachment: one event, stable UID, summary, times in the hospital's zone", async () => {
    const { deps, doctor, department, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-12-03T10:00:00.000Z', reason: 'Itchy rash' });
    const res = await patient.c.get(`/api/patient/appointments/${appointment.id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="appointment-2026-12-03.ics"');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const { vevents, vevent, event } = parse(res.text);
    expect(vevents).toHaveLength(1);
    expect(event.uid).toBe(`${appointment.id}@wardline`);
    expect(event.summary).toBe(`Appointment with Dr Ola Nordmann (${department.name})`);
    expect(event.location).toBe('St Wardline Infirmary');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/London');
    expect(res.text).toContain('DTSTART;TZID=Europe/London:20261203T100000\r\n');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-03T10:30:00.000Z');
    expect(res.text).not.toContain('Itchy');
  });

  test('a cancelled appointment is STATUS:CANCELLED with the same UID', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-06-10T08:30:00.000Z', status: 'cancelled' });
    const res = await patient.c.get(`/api/patient/appointments/${appointment.id}/calendar.ics`);
    expect(res.status).toBe(200);
    const { vevent, event } = parse(res.text);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(`${appointment.id}@wardline`);
    // June: British Summer Time.
    expect(res.text).toContain('DTSTART;TZID=Europe/London:20260610T093000\r\n');
  });

  test("another patient's appointment answers exactly as a missing id: 404, the same body, audited as not_found", async () => {
    const { deps, doctor, patient } = await setting();
    const other = await signedIn(deps, []);
    const theirs = await createAppointment(deps, { patientId: other.user.id, doctorId: doctor.id, start: '2026-12-04T10:00:00.000Z' });
    const missing = newId();
    const a = await patient.c.get(`/api/patient/appointments/${theirs.id}/calendar.ics`);
    const b = await patient.c.get(`/api/patient/appointments/${missing}/calendar.ics`);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.text).toBe(b.text);
    expect(a.body).toEqual({ error: { code: 'not_found', message: 'The appointment was not found.' } });
    expect((await auditRowsOf(deps, patient.user.id)).map((r) => [r.action, r.entity_id, r.outcome])).toEqual([
      ['appointment_calendar', theirs.id, 'not_found'],
      ['appointment_calendar', missing, 'not_found'],
    ]);
    expect(await auditRowsOf(deps, other.user.id)).toEqual([]);
  });

  test('signed out is 401; a doctor or an admin is 403', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-12-05T10:00:00.000Z' });
    const path = `/api/patient/appointments/${appointment.id}/calendar.ics`;
    expect((await testClient(deps, [getAppointmentCalendar]).get(path)).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(deps, [getAppointmentCalendar], role);
      expect((await c.get(path)).status, role).toBe(403);
    }
    expect(await auditRowsOf(deps, patient.user.id)).toEqual([]);
  });

  test('the download writes an audit row naming the appointment', async () => {
    const { deps, doctor, patient } = await setting();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start: '2026-12-06T10:00:00.000Z' });
    await patient.c.get(`/api/patient/appointments/${appointment.id}/calendar.ics`);
    const rows = await auditRowsOf(deps, patient.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: patient.user.id, actor_role: 'patient', action: 'appointment_calendar', entity: 'appointment', entity_id: appointment.id, outcome: 'ok' });
  });
});
