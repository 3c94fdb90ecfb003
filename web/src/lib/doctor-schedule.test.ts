// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { ApiError } from './api';
import { blockingAppointmentIds, blockingSentence, describeBlocking, groupByDay } from './doctor-schedule';

const appointments = [
  { id: '019a-late', start: '2026-12-03T23:30:00.000Z', patientName: 'Ann Lee' },
  { id: '019a-first', start: '2026-12-03T09:30:00.000Z', patientName: 'Oscar Hill' },
  { id: '019a-next', start: '2026-12-04T10:00:00.000Z', patientName: 'Maya Roy' },
];

describe("the doctor's week", () => {
  test("appointments are grouped by the hospital's date, not UTC's", () => {
    // 23:30 UTC on the 3rd is 08:30 on the 4th in Tokyo, and still the 3rd in London.
    expect(groupByDay(appointments, 'Asia/Tokyo').map((d) => [d.date, d.items.map((a) => a.id)])).toEqual([
      ['2026-12-03', ['019a-first']],
      ['2026-12-04', ['019a-late', '019a-next']],
    ]);
    expect(groupByDay(appointments, 'Europe/London').map((d) => [d.date, d.items.map((a) => a.id)])).toEqual([
      ['2026-12-03', ['019a-first', '019a-late']],
      ['2026-12-04', ['019a-next']],
    ]);
  });

  test('no appointments, no days', () => {
    expect(groupByDay([], 'UTC')).toEqual([]);
  });
});

describe('a refused availability change', () => {
  const refused = new ApiError(409, 'state', '2 booked appointments would fall outside your hours: 019a-first, 019a-next. Cancel or move them first.');

  test('the ids it names are found among the known appointments', () => {
    expect(blockingAppointmentIds(refused, appointments)).toEqual(['019a-first', '019a-next']);
  });

  test('ids sent as appointmentIds are used as they are', () => {
    const withIds = Object.assign(new ApiError(409, 'state', 'Two would fall outside.'), { appointmentIds: ['019a-late'] });
    expect(blockingAppointmentIds(withIds, appointments)).toEqual(['019a-late']);
  });

  test('other errors are not a refusal', () => {
    expect(blockingAppointmentIds(new ApiError(400, 'invalid_input', 'bad'), appointments)).toBeNull();
    expect(blockingAppointmentIds(new Error('x'), appointments)).toBeNull();
  });

  test('each is described by its date, time in the hospital zone and patient, soonest first', () => {
    expect(describeBlocking(['019a-next', '019a-first', 'unknown'], appointments, 'Europe/London')).toEqual([
      { id: 'unknown', text: 'an appointment we could not look up (unknown)' },
      { id: '019a-first', text: 'Thu, 3 Dec 2026 09:30 Oscar Hill' },
      { id: '019a-next', text: 'Fri, 4 Dec 2026 10:00 Maya Roy' },
    ]);
    expect(blockingSentence(1)).toContain('This booked appointment falls outside the new hours');
    expect(blockingSentence(3)).toContain('These 3 booked appointments fall outside the new hours. Cancel them first');
  });
});
