/**
 * The account pages every role has (password, sessions, two-step sign-in), and the signed-out pages for a
 * forgotten password. `/account/sessions` is where the new-device email points: the account page, at its
 * sessions.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { SignedInOnly, SignedOutOnly } from '../components/guards';

const Account = lazy(() => import('../pages/account/account'));
const ForgotPassword = lazy(() => import('../pages/forgot-password'));
const ResetPassword = lazy(() => import('../pages/reset-password'));

export const accountRoutes: RouteDefinition[] = [
  { path: '/account', component: () => <SignedInOnly>{(user) => <Account user={user} />}</SignedInOnly> },
  { path: '/account/sessions', component: () => <SignedInOnly>{(user) => <Account user={user} focus="sessions" />}</SignedInOnly> },
  {
    path: '/forgot-password',
    component: () => (
      <SignedOutOnly>
        <ForgotPassword />
      </SignedOutOnly>
    ),
  },
  // No guard: a signed-in person may follow a link from their inbox too; the reset ends every session anyway.
  { path: '/reset-password', component: ResetPassword },
];
