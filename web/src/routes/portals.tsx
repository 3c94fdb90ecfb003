/**
 * The three portals in one table: each role's navigation and routes, and where `/` takes each role
 * (a patient's home is `/`; staff have their own sections).
 */
import { Navigate, type RouteDefinition } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { SignedInOnly } from '../components/guards';
import type { User } from '../lib/api';
import { adminNav, adminRoutes } from './admin';
import { doctorNav, doctorRoutes } from './doctor';
import type { NavItem } from './nav';
import { PatientHome, patientNav, patientRoutes } from './patient';

const NAV: Record<User['role'], NavItem[]> = { patient: patientNav, doctor: doctorNav, admin: adminNav };

export function navFor(role: User['role']): NavItem[] {
  return NAV[role];
}

function RoleHome() {
  return (
    <SignedInOnly>
      {(user) => (
        <Switch>
          <Match when={user.role === 'patient'}>
            <PatientHome />
          </Match>
          <Match when={user.role === 'doctor'}>
            <Navigate href="/doctor" />
          </Match>
          <Match when={user.role === 'admin'}>
            <Navigate href="/admin" />
          </Match>
        </Switch>
      )}
    </SignedInOnly>
  );
}

export const portalRoutes: RouteDefinition[] = [{ path: '/', component: RoleHome }, ...patientRoutes, ...doctorRoutes, ...adminRoutes];
