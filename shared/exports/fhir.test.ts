import { describe, expect, test } from 'vitest';
import { fhirSchemaErrors } from '../../tests/support/fhir-schema';
import { createFhirWriter, derivedUuid } from './fhir';
import type { ExportVisit } from './visits';

const patient = { id: '0190a1b2-0000-7000-8000-000000000001', name: 'Ada Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0000', dateOfBirth: '1990-12-10', gender: 'non_binary', address: '1 Kings Road\nLondon' };
const visit = (n: number, fields: Partial<ExportVisit> = {}): ExportVisit => ({
  treatmentId: `0190a1b2-0000-7000-8000-00000000010${n}`,
  appointmentId: `0190a1b2-0000-7000-8000-00000000020${n}`,
  startAt: `2026-0${n}-10T09:00:00.000Z`,
  endAt: `2026-0${n}-10T09:30:00.000Z`,
  doctorId: '0190a1b2-0000-7000-8000-000000000301',
  doctorName: 'Dr Mina Patel',
  departmentName: 'Cardiology',
  diagnosis: 'Hypertension',
  prescription: 'Amlodipine 5 mg',
  notes: 'Home readings',
  nextVisit: '2026-06-10',
  recordedAt: `2026-0${n}-10T09:25:00.000Z`,
  ...fields,
});

function build(visits: ExportVisit[][]) {
  const writer = createFhirWriter({ id: 'bundle-1', timestamp: '2026-12-01T08:00:00.000Z' }, patient);
  for (const batch of visits) writer.write(batch);
  return JSON.parse(writer.finish());
}

describe('the FHIR R4 Bundle of an export', () => {
  test('is valid against the official FHIR R4 JSON schema, with every resource kind in it', () => {
    const bundle = build([[visit(1)], [visit(2, { prescription: null, notes: null, nextVisit: null })]]);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual([
      'Patient', 'Practitioner', 'Appointment', 'Encounter', 'Condition', 'MedicationRequest', 'Appointment', 'Encounter', 'Condition',
    ]);
  });

  test('the schema check can fail: a bad Bundle type, or a bad resource deep inside, is refused', () => {
    const badType = build([[visit(1)]]);
    badType.type = 'shoebox';
    expect(fhirSchemaErrors(badType).length).toBeGreaterThan(0);
    const badAppointment = build([[visit(1)]]);
    badAppointment.entry[2].resource.status = 'sort of happened';
    expect(fhirSchemaErrors(badAppointment).length).toBeGreaterThan(0);
  });

  test('every reference points at an entry of the Bundle', () => {
    const bundle = build([[visit(1), visit(2)]]);
    const urls = new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl));
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]+"/g)!.map((r) => r.slice(13, -1));
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(urls.has(r), r).toBe(true);
    expect(urls.size).toBe(bundle.entry.length);
  });

  test('maps the record: gender, diagnosis, prescription, notes and the suggested next visit', () => {
    const bundle = build([[visit(1)]]);
    const of = (type: string) => bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === type).resource;
    expect(of('Patient')).toMatchObject({ id: patient.id, gender: 'other', birthDate: '1990-12-10', name: [{ text: 'Ada Lovelace' }] });
    expect(of('Condition')).toMatchObject({ code: { text: 'Hypertension' }, note: [{ text: 'Home readings' }, { text: 'Next visit suggested: 2026-06-10' }] });
    expect(of('MedicationRequest')).toMatchObject({ medicationCodeableConcept: { text: 'Amlodipine 5 mg' }, intent: 'order' });
    expect(of('Encounter').id).toBe(derivedUuid(`Encounter/${visit(1).appointmentId}`));
    expect(of('Appointment')).toMatchObject({ status: 'fulfilled', start: '2026-01-10T09:00:00.000Z' });
  });
});
