/**
 * /account (every role) and /account/sessions (where the new-device email points): the password, the
 * devices signed in, and two-step sign-in. When the API has refused a staff user for want of two-step
 * sign-in (REQUIRE_STAFF_MFA), the page says so above the setup.
 */
import { useLocation } from '@solidjs/router';
import { createEffect, createResource, on, Show } from 'solid-js';
import { Page } from '../../components/ui';
import { accountApi } from '../../lib/account-api';
import type { User } from '../../lib/api';
import { session } from '../../lib/session';
import { PasswordSection } from './password-section';
import { SessionsSection } from './sessions-section';
import { TwoStepSection } from './two-step-section';
import './account.css';

export default function Account(props: { user: User; focus?: 'sessions' }) {
  const location = useLocation();
  const [sessions, { refetch: refetchSessions }] = createResource(() => accountApi.sessions());
  const [me, { refetch: refetchMe }] = createResource(() => accountApi.me());

  // Scrolled to the part asked for (a link to /account/sessions or /account#two-step), once it has loaded:
  // before that the page is too short to scroll.
  const target = () => (props.focus === 'sessions' ? 'sessions' : location.hash.replace(/^#/, ''));
  // Once per target: a later refetch (after signing a device out) must not pull the page back.
  let scrolledTo = '';
  createEffect(
    on([target, () => sessions.state, () => me.state], ([id, sessionsState, meState]) => {
      if (!id || id === scrolledTo || sessionsState === 'pending' || meState === 'pending') return;
      scrolledTo = id;
      setTimeout(() => document.getElementById(id)?.scrollIntoView({ block: 'start' }), 50);
    }),
  );

  return (
    <Page title="Your account" lead={`Signed in as ${props.user.email}.`}>
      <Show when={session.mfaSetupRequired()}>
        <div class="alert alert--info account__required" role="alert">
          <p class="alert__title">Set up two-step sign-in to continue</p>
          <p class="alert__body">
            The hospital asks every member of staff to sign in with a code from an authenticator app as well as a password. Until you set it up
            below, your other pages stay closed.
          </p>
        </div>
      </Show>
      <PasswordSection onChanged={() => void refetchSessions()} />
      <SessionsSection sessions={sessions} refetch={() => void refetchSessions()} />
      <TwoStepSection me={me} refetch={() => void refetchMe()} onChanged={() => void refetchSessions()} user={props.user} />
    </Page>
  );
}
