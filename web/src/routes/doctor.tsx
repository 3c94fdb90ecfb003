/** The doctor portal's pages and navigation, under /doctor. Pages load on first visit (lazy). */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { RoleOnly } from '../components/guards';
import type { NavItem } from './nav';

const Today = lazy(() => import('../pages/doctor/today'));

export const doctorNav: NavItem[] = [{ href: '/doctor', label: 'Today', end: true }];

export const doctorRoutes: RouteDefinition[] = [{ path: '/doctor', component: () => <RoleOnly role="doctor">{(user) => <Today user={user} />}</RoleOnly> }];
