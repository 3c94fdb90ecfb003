/**
 * The appointment's calendar file, read back by an independent parser (ical.js, the one Thunderbird uses):
 * the times it means are the appointment's instants, through the VTIMEZONE the file carries.
 */
import ICAL from 'ical.js';
import { beforeEach, describe, expect, test } from 'vitest';
import { appointmentCalendar, calendarFileName, calendarUid, vtimezoneOf, type CalendarAppointment, type CalendarInvitation } from './appointment-calendar';

const base: CalendarAppointment = {
  id: '019ad4c2-7f00-7000-8000-000000000001',
  doctorName: 'Dr Mina Patel',
  departmentName: 'Cardiology',
  start: '2026-07-01T09:30:00.000Z',
  end: '2026-07-01T10:00:00.000Z',
  status: 'booked',
  createdAt: '2026-06-20T12:00:00.000Z',
  updatedAt: '2026-06-20T12:00:00.000Z',
};
const london = { hospitalName: 'Wardline General Hospital', timeZone: 'Europe/London' };

/** Parses a file the way a calendar app would: its own VTIMEZONEs only, nothing remembered from before. */
function read(text: string) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  const vevent = events[0]!;
  const event = new ICAL.Event(vevent);
  const prop = (name: string) => vevent.getFirstProperty(name);
  return {
    calendar,
    vevent,
    event,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    startTzid: prop('dtstart')?.getParameter('tzid'),
    endTzid: prop('dtend')?.getParameter('tzid'),
    zones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    value: (name: string) => vevent.getFirstPropertyValue(name),
  };
}

beforeEach(() => ICAL.TimezoneService.reset());

describe('appointmentCalendar', () => {
  test('one VEVENT with the stable UID, the summary, the place and CONFIRMED', () => {
    const file = read(appointmentCalendar(base, london));
    expect(file.event.uid).toBe(`${base.id}@wardline`);
    expect(calendarUid(base.id)).toBe(`${base.id}@wardline`);
    expect(file.event.summary).toBe('Appointment with Dr Mina Patel (Cardiology)');
    expect(file.event.location).toBe('Wardline General Hospital');
    expect(file.value('status')).toBe('CONFIRMED');
    expect(file.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(file.calendar.getFirstPropertyValue('prodid')).toContain('Wardline');
  });

  test("DTSTART and DTEND are wall times in the hospital's zone, with its VTIMEZONE, and mean the right instants", () => {
    const text = appointmentCalendar(base, london);
    // 09:30 UTC in July is 10:30 British Summer Time.
    expect(text).toContain('DTSTART;TZID=Europe/London:20260701T103000\r\n');
    expect(text).toContain('DTEND;TZID=Europe/London:20260701T110000\r\n');
    const file = read(text);
    expect(file.zones).toEqual(['Europe/London']);
    expect([file.startTzid, file.endTzid]).toEqual(['Europe/London', 'Europe/London']);
    expect([file.start, file.end]).toEqual([base.start, base.end]);
  });

  test.each([
    ['Europe/London', '2026-01-15T09:00:00.000Z', '20260115T090000'], // winter: GMT
    ['America/New_York', '2026-11-02T14:00:00.000Z', '20261102T090000'], // the day after the autumn change: EST
    ['America/New_York', '2026-03-09T13:00:00.000Z', '20260309T090000'], // the day after the spring change: EDT
    ['Asia/Kathmandu', '2026-12-01T03:15:00.000Z', '20261201T090000'], // +05:45
    ['Australia/Adelaide', '2026-12-01T22:30:00.000Z', '20261202T090000'], // +10:30 in summer, the next calendar day
  ])('in %s, %s is written as %s there and read back as the same instant', (timeZone, start, wall) => {
    const end = new Date(Date.parse(start) + 45 * 60_000).toISOString();
    const text = appointmentCalendar({ ...base, start, end }, { ...london, timeZone });
    expect(text).toContain(`DTSTART;TZID=${timeZone}:${wall}\r\n`);
    const file = read(text);
    expect(file.zones).toEqual([timeZone]);
    expect([file.start, file.end]).toEqual([start, end]);
  });

  test('UTC is named by its VTIMEZONE (Etc/UTC), so TZID and the zone agree', () => {
    const text = appointmentCalendar(base, { ...london, timeZone: 'UTC' });
    expect(text).toContain('DTSTART;TZID=Etc/UTC:20260701T093000\r\n');
    const file = read(text);
    expect(file.zones).toEqual(['Etc/UTC']);
    expect(file.start).toBe(base.start);
  });

  test('a zone the VTIMEZONE library does not know falls back to times in UTC', () => {
    expect(vtimezoneOf('Nowhere/Atlantis')).toBeNull();
    const text = appointmentCalendar(base, { ...london, timeZone: 'Nowhere/Atlantis' });
    expect(text).toContain('DTSTART:20260701T093000Z\r\n');
    expect(text).not.toContain('VTIMEZONE');
    expect(read(text).start).toBe(base.start);
  });

  test('a cancelled appointment is STATUS:CANCELLED under the same UID', () => {
    const booked = read(appointmentCalendar(base, london));
    const cancelled = read(appointmentCalendar({ ...base, status: 'cancelled', updatedAt: '2026-06-25T08:00:00.000Z' }, london));
    expect(cancelled.value('status')).toBe('CANCELLED');
    expect(cancelled.event.uid).toBe(booked.event.uid);
  });

  test('a later change has a higher SEQUENCE and a later DTSTAMP (in UTC), so it replaces the earlier copy', () => {
    const first = read(appointmentCalendar(base, london));
    const moved = read(appointmentCalendar({ ...base, start: '2026-07-02T09:30:00.000Z', end: '2026-07-02T10:00:00.000Z', updatedAt: '2026-06-21T12:00:00.000Z' }, london));
    expect(first.event.sequence).toBe(0);
    expect(moved.event.sequence).toBeGreaterThan(first.event.sequence);
    const stamp = (f: ReturnType<typeof read>) => (f.value('dtstamp') as ICAL.Time).toJSDate().toISOString();
    expect(stamp(first)).toBe('2026-06-20T12:00:00.000Z');
    expect(stamp(moved)).toBe('2026-06-21T12:00:00.000Z');
    expect(appointmentCalendar(base, london)).toMatch(/\r\nDTSTAMP:20260620T120000Z\r\n/);
  });

  test('the same appointment in the same state makes the same file, byte for byte', () => {
    expect(appointmentCalendar(base, london)).toBe(appointmentCalendar({ ...base }, london));
  });

  test('names with commas, semicolons and non-Latin letters survive escaping and line folding', () => {
    const doctorName = 'Dr Siobhán O\u2019Brien-Nakamura, Jr.; 中村 先生 ' + 'x'.repeat(40);
    const departmentName = 'Ear, Nose & Throat; Head \\ Neck';
    const file = read(appointmentCalendar({ ...base, doctorName, departmentName }, london));
    expect(file.event.summary).toBe(`Appointment with ${doctorName} (${departmentName})`);
  });

  test('nothing clinical goes in the file: no reason, no description', () => {
    const text = appointmentCalendar({ ...base, reason: 'Chest pain' } as CalendarAppointment, london);
    expect(text).not.toContain('Chest pain');
    expect(text).not.toContain('DESCRIPTION');
  });

  test("the file name is the visit's date in the hospital's zone", () => {
    expect(calendarFileName({ start: '2026-12-01T22:30:00.000Z' }, 'Australia/Adelaide')).toBe('appointment-2026-12-02.ics');
    expect(calendarFileName({ start: '2026-12-01T22:30:00.000Z' }, 'Europe/London')).toBe('appointment-2026-12-01.ics');
  });

  describe('the emailed copy (an iTIP message, ADR 025)', () => {
    const invitation = (method: 'REQUEST' | 'CANCEL'): CalendarInvitation => ({
      method,
      organizer: { name: 'Wardline General Hospital', email: 'appointments@hospital.example' },
      attendee: { name: 'Ada Byron', email: 'ada@example.org' },
    });

    test('REQUEST: the same event as the download, with METHOD, ORGANIZER and ATTENDEE added', () => {
      const plain = read(appointmentCalendar(base, london));
      const mailed = read(appointmentCalendar(base, london, invitation('REQUEST')));
      expect(mailed.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(plain.calendar.getFirstPropertyValue('method')).toBeNull();
      for (const name of ['uid', 'summary', 'location', 'status', 'sequence']) expect(mailed.value(name)).toEqual(plain.value(name));
      expect([mailed.start, mailed.end]).toEqual([plain.start, plain.end]);
      expect(String(mailed.value('organizer')).toLowerCase()).toBe('mailto:appointments@hospital.example');
      expect(String(mailed.value('attendee')).toLowerCase()).toBe('mailto:ada@example.org');
    });

    test('CANCEL: METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
      const cancelled = read(appointmentCalendar({ ...base, status: 'cancelled', updatedAt: '2026-06-25T08:00:00.000Z' }, london, invitation('CANCEL')));
      expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(cancelled.value('status')).toBe('CANCELLED');
      expect(cancelled.event.uid).toBe(calendarUid(base.id));
      expect(cancelled.event.sequence).toBeGreaterThan(0);
    });
  });
});
