/** The doctor portal's pages and navigation, under /doctor. Pages load on first visit (lazy). */
import type { RouteDefinition } from '@solidjs/router';
import { lazy, type Component } from 'solid-js';
import { RoleOnly } from '../components/guards';
import type { User } from '../lib/api';
import type { NavItem } from './nav';

const Today = lazy(() => import('../pages/doctor/today'));
const Appointments = lazy(() => import('../pages/doctor/appointments'));
const Appointment = lazy(() => import('../pages/doctor/appointment'));
const Availability = lazy(() => import('../pages/doctor/availability'));
const Patients = lazy(() => import('../pages/doctor/patients'));
const PatientHistory = lazy(() => import('../pages/doctor/patient-history'));

export const doctorNav: NavItem[] = [
  { href: '/doctor', label: 'Today', end: true },
  { href: '/doctor/appointments', label: 'Appointments' },
  { href: '/doctor/availability', label: 'Availability' },
  { href: '/doctor/patients', label: 'Patients' },
];

const doctorOnly = (Page: Component<{ user: User }>) => () => <RoleOnly role="doctor">{(user) => <Page user={user} />}</RoleOnly>;

export const doctorRoutes: RouteDefinition[] = [
  { path: '/doctor', component: doctorOnly(Today) },
  { path: '/doctor/appointments', component: doctorOnly(Appointments) },
  { path: '/doctor/appointments/:id', component: doctorOnly(Appointment) },
  { path: '/doctor/availability', component: doctorOnly(Availability) },
  { path: '/doctor/patients', component: doctorOnly(Patients) },
  { path: '/doctor/patients/:id', component: doctorOnly(PatientHistory) },
];
