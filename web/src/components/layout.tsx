/**
 * The frame of every page: a skip link, the header (the hospital's name; once signed in, the role's
 * navigation, who is signed in and sign-out), the page, a short footer. On a phone the navigation folds
 * behind a "Menu" button (a disclosure: it is a list of links, not an application menu).
 */
import { A, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import type { User } from '../lib/api';
import { settings } from '../lib/config';
import { summaryMessage } from '../lib/form';
import { session } from '../lib/session';
import { navFor } from '../routes/portals';
import { IdleWarning } from './idle-warning';

const ROLE_LABEL: Record<User['role'], string> = { admin: 'Administrator', doctor: 'Doctor', patient: 'Patient' };

export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = createSignal(false);
  // REQUIRE_STAFF_MFA: the API refuses this staff user everything until two-step sign-in is on, so lead
  // them to its setup (the account page explains why) rather than leave an error on the page they asked for.
  createEffect(() => {
    if (session.mfaSetupRequired() && location.pathname !== '/account') navigate('/account#two-step');
  });
  // After an in-app navigation, put focus on the new page's heading so a screen reader announces it
  // (the first page load keeps the browser's own starting point).
  createEffect(
    on(
      () => location.pathname,
      () => {
        setMenuOpen(false);
        requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false }));
      },
      { defer: true },
    ),
  );

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="masthead" classList={{ 'masthead--signed-in': Boolean(session.user()) }}>
        <div class="masthead__bar">
          <A class="brand" href="/">
            <span class="brand__mark" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="22" height="22">
                <path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z" fill="currentColor" />
              </svg>
            </span>
            <span class="brand__name">{settings.hospitalName()}</span>
          </A>
          <Show when={session.user()}>
            <button
              type="button"
              class="button button--secondary masthead__menu"
              aria-expanded={menuOpen()}
              aria-controls="site-nav"
              onClick={() => setMenuOpen(!menuOpen())}
            >
              Menu
            </button>
          </Show>
        </div>
        <Show when={session.user()} keyed>
          {(user) => <SignedInBar user={user} open={menuOpen()} />}
        </Show>
      </header>
      <Show when={session.user()}>
        <IdleWarning />
      </Show>
      <main id="main" class="main" classList={{ 'main--portal': Boolean(session.user()) }}>
        {props.children}
      </main>
      <footer class="footer">
        <p>In an emergency, call your local emergency number.</p>
      </footer>
    </div>
  );
}

function SignedInBar(props: { user: User; open: boolean }) {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  async function signOut() {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    try {
      // The guards send the browser to /sign-in once the session is gone.
      await session.signOut();
    } catch (err) {
      setProblem(summaryMessage(err, 'sign you out'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div id="site-nav" class="site-nav" classList={{ 'site-nav--open': props.open }}>
      <nav class="site-nav__links" aria-label={`${ROLE_LABEL[props.user.role]} pages`}>
        <ul>
          <For each={navFor(props.user.role)}>
            {(item) => (
              <li>
                <A href={item.href} end={item.end} activeClass="is-active" class="site-nav__link">
                  {item.label}
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <div class="site-nav__user">
        <p class="site-nav__who" data-testid="signed-in-as">
          <span class="visually-hidden">Signed in as </span>
          <span class="site-nav__name">{props.user.name}</span>
          <span class="site-nav__role">{ROLE_LABEL[props.user.role]}</span>
        </p>
        <A href="/account" activeClass="is-active" class="site-nav__link site-nav__account">
          Account
        </A>
        <button type="button" class="button button--secondary button--small" aria-disabled={busy() ? 'true' : undefined} onClick={() => void signOut()}>
          {busy() ? 'Signing out…' : 'Sign out'}
        </button>
        <Show when={problem()}>
          <p class="field__error" role="alert">
            {problem()}
          </p>
        </Show>
      </div>
    </div>
  );
}

/** A centred card with the page's one heading (sign-in, registration). Sets the document title too. */
export function Card(props: { title: string; lead?: string; wide?: boolean; children?: JSX.Element }) {
  // Follows the hospital's name too, which arrives from the API a moment after the first page.
  createEffect(() => {
    document.title = `${props.title} · ${settings.hospitalName()}`;
  });
  return (
    <section class="card" classList={{ 'card--wide': Boolean(props.wide) }} aria-labelledby="page-title">
      <h1 id="page-title" class="card__title" tabindex="-1">
        {props.title}
      </h1>
      <Show when={props.lead}>
        <p class="card__lead">{props.lead}</p>
      </Show>
      {props.children}
    </section>
  );
}
