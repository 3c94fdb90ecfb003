/** The administrator portal's calls (API.md "Admin"), typed with the shared schemas' shapes. */
import type {
  AdminAppointmentList,
  AdminDoctorDetail,
  AdminDoctorDto,
  AdminDoctorList,
  AdminPatientDetail,
  AdminPatientDto,
  AdminPatientList,
  AdminUserDto,
  CreateDepartmentInput,
  CreateDoctorInput,
  UpdateDepartmentInput,
  UpdateDoctorInput,
} from '../../../shared/schemas/admin';
import type { AuditRecord, AuditVerifyResult } from '../../../shared/schemas/audit';
import type { DepartmentDto, DepartmentList } from '../../../shared/schemas/catalog';
import type { AdminDashboard } from '../../../shared/schemas/dashboard';
import type { AdminJobs, RetriedJob } from '../../../shared/schemas/jobs';
import type { UpdateProfileInput } from '../../../shared/schemas/patient';
import { api, query, type ListPage } from './api';

export type { AdminAppointmentList, AdminDashboard, AdminDoctorDetail, AdminDoctorDto, AdminJobs, AdminPatientDetail, AdminPatientDto, AuditRecord, AuditVerifyResult, DepartmentDto };
export type AdminAppointment = AdminAppointmentList['items'][number];

type Params = Record<string, string | number | undefined>;

const id = (value: string) => encodeURIComponent(value);

export const adminApi = {
  dashboard: () => api.get<AdminDashboard>('/admin/dashboard'),

  departments: (params: Params = {}) => api.get<DepartmentList>(`/admin/departments${query(params)}`),
  createDepartment: (input: CreateDepartmentInput, idempotencyKey: string) =>
    api.post<DepartmentDto>('/admin/departments', input, { idempotencyKey }),
  updateDepartment: (departmentId: string, input: UpdateDepartmentInput) => api.patch<DepartmentDto>(`/admin/departments/${id(departmentId)}`, input),
  deleteDepartment: (departmentId: string) => api.delete(`/admin/departments/${id(departmentId)}`),

  doctors: (params: Params) => api.get<AdminDoctorList>(`/admin/doctors${query(params)}`),
  doctor: (doctorId: string) => api.get<AdminDoctorDetail>(`/admin/doctors/${id(doctorId)}`),
  createDoctor: (input: CreateDoctorInput, idempotencyKey: string) => api.post<AdminDoctorDto>('/admin/doctors', input, { idempotencyKey }),
  updateDoctor: (doctorId: string, input: UpdateDoctorInput) => api.patch<AdminDoctorDto>(`/admin/doctors/${id(doctorId)}`, input),
  removeDoctor: (doctorId: string) => api.delete<AdminDoctorDto>(`/admin/doctors/${id(doctorId)}`),

  patients: (params: Params) => api.get<AdminPatientList>(`/admin/patients${query(params)}`),
  patient: (patientId: string) => api.get<AdminPatientDetail>(`/admin/patients/${id(patientId)}`),
  updatePatient: (patientId: string, input: UpdateProfileInput) => api.patch<AdminPatientDto>(`/admin/patients/${id(patientId)}`, input),

  blacklist: (userId: string) => api.post<AdminUserDto>(`/admin/users/${id(userId)}/blacklist`),
  restore: (userId: string) => api.delete<AdminUserDto>(`/admin/users/${id(userId)}/blacklist`),
  endSessions: (userId: string) => api.post<void>(`/admin/users/${id(userId)}/sessions/end`),
  sendPasswordReset: (userId: string) => api.post<{ message: string }>(`/admin/users/${id(userId)}/password-reset`),
  removeMfa: (userId: string) => api.delete<void>(`/admin/users/${id(userId)}/mfa`),

  appointments: (params: Params) => api.get<AdminAppointmentList>(`/admin/appointments${query(params)}`),

  audit: (params: Params) => api.get<ListPage<AuditRecord>>(`/admin/audit${query(params)}`),
  verifyAudit: () => api.get<AuditVerifyResult>('/admin/audit/verify'),

  jobs: () => api.get<AdminJobs>('/admin/jobs'),
  retryJob: (jobId: string) => api.post<RetriedJob>(`/admin/jobs/${id(jobId)}/retry`),
};
