/**
 * The export's FHIR R4 Bundle (type `collection`) of the patient's own record (ADR 027): one Patient, a
 * Practitioner per doctor seen, and per completed visit an Appointment, an Encounter, a Condition (the
 * diagnosis, with the visit's notes and the suggested next visit as notes) and, when something was
 * prescribed, a MedicationRequest. Entries refer to each other by `urn:uuid:` fullUrls, as a Bundle
 * outside a FHIR server does. The JSON is written entry by entry as text, so the visits are never all
 * held as objects.
 *
 * Ids: Patient, Practitioner, Appointment and Condition keep Wardline's own ids (UUIDv7: the user, the
 * appointment, the treatment). An Encounter and a MedicationRequest have no row of their own, so their
 * ids are derived from the appointment's and the treatment's: the same export always gives the same Bundle.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ExportVisit } from './visits';

export interface FhirPatient {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  dateOfBirth: string | null;
  gender: string | null;
  address: string | null;
}

/** Wardline's genders to FHIR's administrative gender (male | female | other | unknown). */
const GENDER: Record<string, string> = { female: 'female', male: 'male', non_binary: 'other', other: 'other', undisclosed: 'unknown' };

/** A UUID made from a name (SHA-256, version 8 "custom" per RFC 9562): stable for the same name. */
export function derivedUuid(name: string): string {
  const hex = bytesToHex(sha256(utf8ToBytes(name))).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ref = (id: string, display?: string) => (display === undefined ? { reference: `urn:uuid:${id}` } : { reference: `urn:uuid:${id}`, display });

export interface FhirWriter {
  write(visits: ExportVisit[]): void;
  finish(): string;
}

export function createFhirWriter(bundle: { id: string; timestamp: string }, patient: FhirPatient): FhirWriter {
  const parts: string[] = [];
  const practitioners = new Set<string>();
  let first = true;
  const add = (resource: { id: string } & Record<string, unknown>) => {
    parts.push(`${first ? '' : ','}${JSON.stringify({ fullUrl: `urn:uuid:${resource.id}`, resource })}`);
    first = false;
  };
  parts.push(`{"resourceType":"Bundle","id":${JSON.stringify(bundle.id)},"type":"collection","timestamp":${JSON.stringify(bundle.timestamp)},"entry":[`);
  const telecom = [{ system: 'email', value: patient.email, use: 'home' }, ...(patient.phone ? [{ system: 'phone', value: patient.phone }] : [])];
  add({
    resourceType: 'Patient',
    id: patient.id,
    name: [{ text: patient.name }],
    telecom,
    ...(patient.gender ? { gender: GENDER[patient.gender] ?? 'unknown' } : {}),
    ...(patient.dateOfBirth ? { birthDate: patient.dateOfBirth } : {}),
    ...(patient.address ? { address: [{ text: patient.address }] } : {}),
  });
  const patientRef = ref(patient.id, patient.name);

  return {
    write(visits) {
      for (const v of visits) {
        const doctorRef = ref(v.doctorId, v.doctorName);
        if (!practitioners.has(v.doctorId)) {
          practitioners.add(v.doctorId);
          add({ resourceType: 'Practitioner', id: v.doctorId, name: [{ text: v.doctorName }] });
        }
        const encounterId = derivedUuid(`Encounter/${v.appointmentId}`);
        const department = [{ text: v.departmentName }];
        add({
          resourceType: 'Appointment',
          id: v.appointmentId,
          status: 'fulfilled',
          serviceType: department,
          start: v.startAt,
          end: v.endAt,
          participant: [
            { actor: patientRef, status: 'accepted' },
            { actor: doctorRef, status: 'accepted' },
          ],
        });
        add({
          resourceType: 'Encounter',
          id: encounterId,
          status: 'finished',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
          serviceType: department[0],
          subject: patientRef,
          participant: [{ individual: doctorRef }],
          appointment: [ref(v.appointmentId)],
          period: { start: v.startAt, end: v.endAt },
          diagnosis: [{ condition: ref(v.treatmentId) }],
        });
        const notes = [...(v.notes ? [{ text: v.notes }] : []), ...(v.nextVisit ? [{ text: `Next visit suggested: ${v.nextVisit}` }] : [])];
        add({
          resourceType: 'Condition',
          id: v.treatmentId,
          code: { text: v.diagnosis },
          subject: patientRef,
          encounter: ref(encounterId),
          recordedDate: v.recordedAt,
          recorder: doctorRef,
          ...(notes.length > 0 ? { note: notes } : {}),
        });
        if (v.prescription) {
          add({
            resourceType: 'MedicationRequest',
            id: derivedUuid(`MedicationRequest/${v.treatmentId}`),
            // Wardline records what was prescribed, not whether it is still taken.
            status: 'unknown',
            intent: 'order',
            medicationCodeableConcept: { text: v.prescription },
            subject: patientRef,
            encounter: ref(encounterId),
            authoredOn: v.recordedAt,
            requester: doctorRef,
            reasonReference: [ref(v.treatmentId)],
          });
        }
      }
    },
    finish() {
      parts.push(']}');
      return parts.join('');
    },
  };
}
