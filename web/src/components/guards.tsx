/**
 * Route guards. Signed-out visitors of a signed-in page go to /sign-in (with `?next=` so they come
 * back); signed-in visitors of /sign-in or /register go on to where they were heading.
 */
import { A, Navigate, useLocation, useSearchParams } from '@solidjs/router';
import { Match, Show, Switch, type JSX } from 'solid-js';
import type { User } from '../lib/api';
import { safeNext } from '../lib/form';
import { session } from '../lib/session';
import { Card } from './layout';

function Checking() {
  return (
    <Card title="Loading">
      <p class="muted" aria-live="polite">
        Checking whether you are signed in…
      </p>
    </Card>
  );
}

function Unreachable() {
  return (
    <Card title="Wardline is not answering">
      <div class="alert alert--error" role="alert">
        <p class="alert__body">{session.problem()}</p>
      </div>
      <button type="button" class="button button--primary" onClick={() => void session.load()}>
        Try again
      </button>
    </Card>
  );
}

export function SignedInOnly(props: { children: (user: User) => JSX.Element }) {
  const location = useLocation();
  const signInHref = () => {
    const here = `${location.pathname}${location.search}`;
    // After "Sign out" the page is not remembered (the next person at this computer is someone else);
    // after a session ended by itself, or a signed-out deep link, it is.
    return here === '/' || session.signedOutOnPurpose() ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
  };
  return (
    <Switch>
      <Match when={session.status() === 'loading'}>
        <Checking />
      </Match>
      <Match when={session.user()} keyed>
        {(user) => props.children(user)}
      </Match>
      <Match when={session.status() === 'unreachable'}>
        <Unreachable />
      </Match>
      <Match when={true}>
        <Navigate href={signInHref()} />
      </Match>
    </Switch>
  );
}

/** A page for one role: others signed in see why they cannot use it (the API would answer 403 anyway). */
export function RoleOnly(props: { role: User['role']; children: (user: User) => JSX.Element }) {
  return (
    <SignedInOnly>
      {(user) => (
        <Show when={user.role === props.role} fallback={<WrongRole role={props.role} />}>
          {props.children(user)}
        </Show>
      )}
    </SignedInOnly>
  );
}

const ROLE_NOUN: Record<User['role'], string> = { admin: 'administrators', doctor: 'doctors', patient: 'patients' };

function WrongRole(props: { role: User['role'] }) {
  return (
    <Card title="This page is not for your account">
      <p class="muted">This page is for {ROLE_NOUN[props.role]}. Your own pages are in the menu at the top.</p>
      <p class="actions">
        <A class="button button--primary" href="/">
          Go to your home page
        </A>
      </p>
    </Card>
  );
}

export function SignedOutOnly(props: { children: JSX.Element }) {
  const [params] = useSearchParams();
  return (
    <Switch fallback={props.children}>
      <Match when={session.status() === 'loading'}>
        <Checking />
      </Match>
      <Match when={session.user()}>
        <Navigate href={safeNext(params.next) ?? '/'} />
      </Match>
    </Switch>
  );
}
