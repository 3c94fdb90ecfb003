/** The frame of every page: a skip link, the hospital's name, the page's card, a short footer. */
import { A, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createEffect, on, Show, type JSX } from 'solid-js';
import { settings } from '../lib/config';

export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  // After an in-app navigation, put focus on the new page's heading so a screen reader announces it
  // (the first page load keeps the browser's own starting point).
  createEffect(
    on(
      () => location.pathname,
      () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false })),
      { defer: true },
    ),
  );

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="masthead">
        <A class="brand" href="/">
          <span class="brand__mark" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="22" height="22">
              <path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z" fill="currentColor" />
            </svg>
          </span>
          <span class="brand__name">{settings.hospitalName()}</span>
        </A>
      </header>
      <main id="main" class="main">
        {props.children}
      </main>
      <footer class="footer">
        <p>In an emergency, call your local emergency number.</p>
      </footer>
    </div>
  );
}

/** A centred card with the page's one heading. Sets the document title too. */
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
