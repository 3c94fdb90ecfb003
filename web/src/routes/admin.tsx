/** The administrator portal's pages and navigation, under /admin. Pages load on first visit (lazy). */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { RoleOnly } from '../components/guards';
import type { NavItem } from './nav';

const Dashboard = lazy(() => import('../pages/admin/dashboard'));

export const adminNav: NavItem[] = [{ href: '/admin', label: 'Dashboard', end: true }];

export const adminRoutes: RouteDefinition[] = [{ path: '/admin', component: () => <RoleOnly role="admin">{(user) => <Dashboard user={user} />}</RoleOnly> }];
