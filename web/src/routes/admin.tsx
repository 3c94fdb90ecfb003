/** The administrator portal's pages and navigation, under /admin. Pages load on first visit (lazy). */
import type { RouteDefinition } from '@solidjs/router';
import { lazy, type Component } from 'solid-js';
import { RoleOnly } from '../components/guards';
import type { User } from '../lib/api';
import type { NavItem } from './nav';

const Dashboard = lazy(() => import('../pages/admin/dashboard'));
const Departments = lazy(() => import('../pages/admin/departments'));
const Doctors = lazy(() => import('../pages/admin/doctors'));
const NewDoctor = lazy(() => import('../pages/admin/doctor-new'));
const Doctor = lazy(() => import('../pages/admin/doctor'));
const Patients = lazy(() => import('../pages/admin/patients'));
const Patient = lazy(() => import('../pages/admin/patient'));
const Appointments = lazy(() => import('../pages/admin/appointments'));
const Audit = lazy(() => import('../pages/admin/audit'));
const Jobs = lazy(() => import('../pages/admin/jobs'));

export const adminNav: NavItem[] = [
  { href: '/admin', label: 'Dashboard', end: true },
  { href: '/admin/departments', label: 'Departments' },
  { href: '/admin/doctors', label: 'Doctors' },
  { href: '/admin/patients', label: 'Patients' },
  { href: '/admin/appointments', label: 'Appointments' },
  { href: '/admin/audit', label: 'Audit trail' },
  { href: '/admin/jobs', label: 'Background jobs' },
];

const adminOnly = (Page: Component<{ user: User }>) => () => <RoleOnly role="admin">{(user) => <Page user={user} />}</RoleOnly>;

export const adminRoutes: RouteDefinition[] = [
  { path: '/admin', component: adminOnly(Dashboard) },
  { path: '/admin/departments', component: adminOnly(Departments) },
  { path: '/admin/doctors', component: adminOnly(Doctors) },
  { path: '/admin/doctors/new', component: adminOnly(NewDoctor) },
  { path: '/admin/doctors/:id', component: adminOnly(Doctor) },
  { path: '/admin/patients', component: adminOnly(Patients) },
  { path: '/admin/patients/:id', component: adminOnly(Patient) },
  { path: '/admin/appointments', component: adminOnly(Appointments) },
  { path: '/admin/audit', component: adminOnly(Audit) },
  { path: '/admin/jobs', component: adminOnly(Jobs) },
];
