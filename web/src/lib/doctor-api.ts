/**
 * The doctor portal's calls (API.md "Doctor"), typed with the shared schemas' types. There is no
 * "one appointment" endpoint for doctors, so `findAppointment` looks it up in the list, narrowed to its
 * date when the link carried one.
 */
import type { AvailabilityResponse, UpdateAvailabilityInput, WeeklyAvailability } from '../../../shared/schemas/availability';
import type {
  CompleteAppointmentInput,
  DoctorAppointmentDetail,
  DoctorAppointmentDto,
  DoctorDashboard,
  DoctorPatientDto,
  DoctorTreatmentDto,
  PatientHistoryResponse,
  UpdateTreatmentInput,
} from '../../../shared/schemas/doctor';
import { PAGE_SIZE_MAX } from '../../../shared/schemas/lists';
import { api, query, type ListPage } from './api';

export type { DoctorAppointmentDto, DoctorDashboard, DoctorPatientDto, DoctorTreatmentDto, PatientHistoryResponse };
export type AvailabilityDay = AvailabilityResponse['days'][number];
export type Weekly = WeeklyAvailability;

export interface AppointmentFilters {
  status?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const doctorApi = {
  dashboard: () => api.get<DoctorDashboard>('/doctor/dashboard'),
  appointments: (filters: AppointmentFilters) => api.get<ListPage<DoctorAppointmentDto>>(`/doctor/appointments${query({ ...filters })}`),
  complete: (id: string, input: CompleteAppointmentInput) => api.post<DoctorAppointmentDetail>(`/doctor/appointments/${encodeURIComponent(id)}/complete`, input),
  cancel: (id: string, reason: string | null) => api.post<DoctorAppointmentDto>(`/doctor/appointments/${encodeURIComponent(id)}/cancel`, { reason }),
  updateTreatment: (id: string, input: UpdateTreatmentInput) => api.patch<DoctorTreatmentDto>(`/doctor/treatments/${encodeURIComponent(id)}`, input),
  availability: () => api.get<AvailabilityResponse>('/doctor/availability'),
  setDates: (input: UpdateAvailabilityInput) => api.put<AvailabilityResponse>('/doctor/availability', input),
  resetDate: (date: string) => api.delete<AvailabilityResponse>(`/doctor/availability/${encodeURIComponent(date)}`),
  weekly: () => api.get<WeeklyAvailability>('/doctor/availability/weekly'),
  setWeekly: (input: WeeklyAvailability) => api.put<WeeklyAvailability>('/doctor/availability/weekly', input),
  patients: (filters: { q?: string; page?: number; pageSize?: number }) => api.get<ListPage<DoctorPatientDto>>(`/doctor/patients${query({ ...filters })}`),
  history: (patientId: string, page = 1, pageSize = PAGE_SIZE_MAX) =>
    api.get<PatientHistoryResponse>(`/doctor/patients/${encodeURIComponent(patientId)}/history${query({ page, pageSize })}`),
};

/**
 * One appointment of this doctor by id, or null. With its date (from the link) one request suffices;
 * without it, the whole list is read a page at a time (a doctor's list is hundreds, not millions).
 */
export async function findAppointment(id: string, date?: string): Promise<DoctorAppointmentDto | null> {
  if (date) {
    const day = await doctorApi.appointments({ from: date, to: date, pageSize: PAGE_SIZE_MAX });
    const found = day.items.find((a) => a.id === id);
    if (found) return found;
  }
  for (let page = 1; ; page++) {
    const list = await doctorApi.appointments({ page, pageSize: PAGE_SIZE_MAX });
    const found = list.items.find((a) => a.id === id);
    if (found) return found;
    if (page * PAGE_SIZE_MAX >= list.total || list.items.length === 0) return null;
  }
}

/** The treatment recorded for a completed appointment, from the patient's history (the API's one place for it). */
export async function treatmentOf(appointment: DoctorAppointmentDto): Promise<PatientHistoryResponse['items'][number] | null> {
  if (!appointment.treatmentId) return null;
  for (let page = 1; ; page++) {
    const history = await doctorApi.history(appointment.patientId, page);
    const found = history.items.find((item) => item.treatmentId === appointment.treatmentId || item.appointmentId === appointment.id);
    if (found) return found;
    if (page * PAGE_SIZE_MAX >= history.total || history.items.length === 0) return null;
  }
}
