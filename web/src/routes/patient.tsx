/** The patient portal's pages and navigation. Pages load on first visit (lazy), so one role's code is not another's download. */
import type { RouteDefinition } from '@solidjs/router';
import { lazy, type Component } from 'solid-js';
import { RoleOnly } from '../components/guards';
import type { User } from '../lib/api';
import type { NavItem } from './nav';

const Home = lazy(() => import('../pages/patient/home'));

export const patientNav: NavItem[] = [
  { href: '/', label: 'Home', end: true },
  { href: '/doctors', label: 'Find a doctor' },
  { href: '/appointments', label: 'My appointments' },
  { href: '/history', label: 'History' },
  { href: '/patient/exports', label: 'Exports' },
  { href: '/profile', label: 'Profile' },
];

/** Shown at `/` to a signed-in patient. */
export function PatientHome() {
  return <RoleOnly role="patient">{(user) => <Home user={user} />}</RoleOnly>;
}

function patientOnly(Page: Component<{ user: User }>) {
  return () => <RoleOnly role="patient">{(user) => <Page user={user} />}</RoleOnly>;
}

export const patientRoutes: RouteDefinition[] = [
  { path: '/doctors', component: patientOnly(lazy(() => import('../pages/patient/doctors'))) },
  { path: '/doctors/:id', component: patientOnly(lazy(() => import('../pages/patient/doctor'))) },
  { path: '/appointments', component: patientOnly(lazy(() => import('../pages/patient/appointments'))) },
  { path: '/appointments/:id', component: patientOnly(lazy(() => import('../pages/patient/appointment'))) },
  { path: '/history', component: patientOnly(lazy(() => import('../pages/patient/history'))) },
  { path: '/access-log', component: patientOnly(lazy(() => import('../pages/patient/access-log'))) },
  { path: '/patient/exports', component: patientOnly(lazy(() => import('../pages/patient/exports'))) },
  { path: '/patient/exports/:id', component: patientOnly(lazy(() => import('../pages/patient/export'))) },
  { path: '/profile', component: patientOnly(lazy(() => import('../pages/patient/profile'))) },
];
