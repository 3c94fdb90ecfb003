/** The patient portal's pages and navigation. Pages load on first visit (lazy), so one role's code is not another's download. */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { RoleOnly } from '../components/guards';
import type { NavItem } from './nav';

const Home = lazy(() => import('../pages/patient/home'));

export const patientNav: NavItem[] = [{ href: '/', label: 'Home', end: true }];

/** Shown at `/` to a signed-in patient. */
export function PatientHome() {
  return <RoleOnly role="patient">{(user) => <Home user={user} />}</RoleOnly>;
}

export const patientRoutes: RouteDefinition[] = [];
