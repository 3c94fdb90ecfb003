/**
 * The patient portal's calls to the API (API.md "Public catalogue" and "Patient"), typed with the API's own
 * schemas. Nothing here holds state: the pages keep what they show in resources.
 */
import type { DepartmentDto, DoctorDto } from '../../../shared/schemas/catalog';
import type { PatientAppointmentDetail, PatientAppointmentDto, SlotDto } from '../../../shared/schemas/booking';
import type { ExportFormat, PatientExport, QueuedExport } from '../../../shared/schemas/exports';
import type { AccessLogEntry, HistoryEntry, PatientProfile, UpdateProfileInput } from '../../../shared/schemas/patient';
import { api, query, request, type ListPage } from './api';

export type { AccessLogEntry, DepartmentDto, DoctorDto, HistoryEntry, PatientAppointmentDetail, PatientAppointmentDto, PatientExport, PatientProfile, SlotDto };

export const PATIENT_PAGE_SIZE = 10;

export interface Paging {
  page: number;
  pageSize?: number;
}

const paging = (p: Paging) => ({ page: p.page, pageSize: p.pageSize ?? PATIENT_PAGE_SIZE });

export const catalog = {
  departments: () => api.get<ListPage<DepartmentDto>>(`/departments${query({ pageSize: 200 })}`),
  doctors: (filter: { q?: string; departmentId?: string } & Paging) =>
    api.get<ListPage<DoctorDto>>(`/doctors${query({ q: filter.q, departmentId: filter.departmentId, ...paging(filter) })}`),
  doctor: (id: string) => api.get<DoctorDto>(`/doctors/${encodeURIComponent(id)}`),
  slots: (doctorId: string, from: string, to: string) => api.get<{ items: SlotDto[] }>(`/doctors/${encodeURIComponent(doctorId)}/slots${query({ from, to })}`),
};

export const appointments = {
  list: (p: Paging & { when?: 'upcoming' | 'past'; status?: PatientAppointmentDto['status'] }) =>
    api.get<ListPage<PatientAppointmentDto>>(`/patient/appointments${query({ when: p.when, status: p.status, ...paging(p) })}`),
  get: (id: string) => api.get<PatientAppointmentDetail>(`/patient/appointments/${encodeURIComponent(id)}`),
  book: (input: { doctorId: string; start: string; reason?: string | null }, idempotencyKey: string) =>
    request<PatientAppointmentDto>('POST', '/patient/appointments', input, { idempotencyKey }),
  reschedule: (id: string, start: string) => api.post<PatientAppointmentDto>(`/patient/appointments/${encodeURIComponent(id)}/reschedule`, { start }),
  cancel: (id: string, reason: string | null) => api.post<PatientAppointmentDto>(`/patient/appointments/${encodeURIComponent(id)}/cancel`, reason ? { reason } : {}),
  calendarHref: (id: string) => `/api/patient/appointments/${encodeURIComponent(id)}/calendar.ics`,
};

export const record = {
  history: (p: Paging) => api.get<ListPage<HistoryEntry>>(`/patient/history${query(paging(p))}`),
  accessLog: (p: Paging) => api.get<ListPage<AccessLogEntry>>(`/patient/access-log${query(paging(p))}`),
  profile: () => api.get<PatientProfile>('/patient/profile'),
  updateProfile: (changes: UpdateProfileInput) => api.patch<PatientProfile>('/patient/profile', changes),
};

export const exports = {
  list: (p: Paging) => api.get<ListPage<PatientExport>>(`/patient/exports${query(paging(p))}`),
  get: (id: string) => api.get<PatientExport>(`/patient/exports/${encodeURIComponent(id)}`),
  create: (idempotencyKey: string) => request<QueuedExport>('POST', '/patient/exports', {}, { idempotencyKey }),
  downloadHref: (id: string, format: ExportFormat) => `/api/patient/exports/${encodeURIComponent(id)}/download${query({ format })}`,
};
