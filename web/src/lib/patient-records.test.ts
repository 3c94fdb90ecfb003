// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { actionLabel, actorLabel, exportView, progressText, stillWorking } from './patient-records';

test('audit actions read as plain words; unknown ones are spelled out', () => {
  expect(actionLabel('appointment_book')).toBe('Booked an appointment');
  expect(actionLabel('patient_history_read')).toBe('Looked at your treatment history');
  expect(actionLabel('something_new')).toBe('Something new');
  expect(actorLabel({ actorName: 'Helen Okafor', actorRole: 'doctor' })).toEqual({ name: 'Helen Okafor', role: 'Doctor' });
  expect(actorLabel({ actorName: null, actorRole: null })).toEqual({ name: 'Wardline (automatic)', role: 'System' });
});

test('an export past its expiry is expired; the page polls while one is queued or running', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  expect(exportView({ status: 'done', expiresAt: '2026-12-01T09:59:59Z' }, now)).toBe('expired');
  expect(exportView({ status: 'done', expiresAt: '2026-12-02T10:00:00Z' }, now)).toBe('done');
  expect(exportView({ status: 'running', expiresAt: null }, now)).toBe('running');
  expect(stillWorking([{ status: 'done' }, { status: 'queued' }])).toBe(true);
  expect(stillWorking([{ status: 'done' }, { status: 'failed' }])).toBe(false);
  expect(progressText({ progress: 3, total: 12 })).toBe('3 of 12 visits');
  expect(progressText({ progress: 0, total: null })).toBeNull();
});
