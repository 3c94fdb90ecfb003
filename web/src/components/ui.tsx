/**
 * The pieces every portal page is built from, so that each page has the same loading, empty and error
 * states, one h1, paging that says where it is, and confirmations that are real dialogs (Ark UI: focus
 * is trapped inside and returns to the button that opened it; Escape closes).
 */
import { Dialog } from '@ark-ui/solid/dialog';
import { A } from '@solidjs/router';
import { createEffect, createSignal, For, Match, Show, Switch, type JSX, type Resource } from 'solid-js';
import { Portal } from 'solid-js/web';
import { ApiError } from '../lib/api';
import { settings } from '../lib/config';
import { statusLabel } from '../lib/format';
import { latestOrNothing } from '../lib/resource';

/** A portal page: its one h1 (focused after navigation by the layout), a lead, actions beside the title. */
export function Page(props: { title: string; lead?: JSX.Element; actions?: JSX.Element; back?: { href: string; label: string }; children?: JSX.Element }) {
  createEffect(() => {
    document.title = `${props.title} · ${settings.hospitalName()}`;
  });
  return (
    <div class="page">
      <Show when={props.back}>
        {(back) => (
          <p class="page__back">
            <A href={back().href}>
              <span aria-hidden="true">← </span>
              {back().label}
            </A>
          </p>
        )}
      </Show>
      <div class="page__head">
        <div class="page__titles">
          <h1 id="page-title" class="page__title" tabindex="-1">
            {props.title}
          </h1>
          <Show when={props.lead}>
            <p class="page__lead">{props.lead}</p>
          </Show>
        </div>
        <Show when={props.actions}>
          <div class="page__actions">{props.actions}</div>
        </Show>
      </div>
      {props.children}
    </div>
  );
}

/** A titled part of a page (h2), optionally with actions on the right. */
export function Section(props: { title: string; id?: string; actions?: JSX.Element; children?: JSX.Element }) {
  const id = () => props.id ?? `section-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class="section" aria-labelledby={id()}>
      <div class="section__head">
        <h2 id={id()} class="section__title">
          {props.title}
        </h2>
        <Show when={props.actions}>
          <div class="section__actions">{props.actions}</div>
        </Show>
      </div>
      {props.children}
    </section>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? 'Loading…'}
    </p>
  );
}

/** What went wrong, in the API's words, with a way to try again. */
export function ErrorState(props: { error: unknown; retry?: () => void; action?: string }) {
  const message = () => {
    const err = props.error;
    if (err instanceof ApiError) {
      if (err.status === 404) return 'We could not find this. It may have been removed, or the link may be wrong.';
      return err.message;
    }
    return `Something went wrong while ${props.action ?? 'loading this page'}. Please try again.`;
  };
  return (
    <div class="state state--error" role="alert">
      <p class="state__title">There is a problem</p>
      <p>{message()}</p>
      <Show when={props.retry}>
        <button type="button" class="button button--secondary" onClick={() => props.retry?.()}>
          Try again
        </button>
      </Show>
    </div>
  );
}

export function Empty(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="state state--empty">
      <p class="state__title">{props.title}</p>
      <Show when={props.children}>
        <div class="state__body">{props.children}</div>
      </Show>
    </div>
  );
}

/**
 * A resource's three states in one place: loading (only the first time: a refetch keeps what is shown),
 * an error with "Try again", and the value. `isEmpty` shows `empty` instead of the children.
 */
export function Async<T>(props: {
  resource: Resource<T>;
  refetch?: () => void;
  loadingLabel?: string;
  isEmpty?: (value: T) => boolean;
  empty?: JSX.Element;
  children: (value: T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.resource.error}>
        <ErrorState error={props.resource.error} retry={props.refetch} />
      </Match>
      <Match when={props.resource.state === 'pending' || (props.resource.state === 'unresolved')}>
        <Loading label={props.loadingLabel} />
      </Match>
      <Match when={latestOrNothing(props.resource) !== undefined && props.isEmpty?.(latestOrNothing(props.resource) as T)}>
        {props.empty ?? <Empty title="Nothing here yet" />}
      </Match>
      <Match when={latestOrNothing(props.resource) !== undefined}>{props.children(latestOrNothing(props.resource) as T)}</Match>
    </Switch>
  );
}

/** Previous / next with "Page 2 of 7 (312 in all)". Hidden when everything fits on one page. */
export function Pagination(props: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label?: string }) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Show when={pages() > 1}>
      <nav class="pagination" aria-label={props.label ?? 'Pages'}>
        <button type="button" class="button button--secondary" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
          <span aria-hidden="true">← </span>Previous<span class="visually-hidden"> page</span>
        </button>
        <p class="pagination__where" aria-live="polite">
          Page {props.page} of {pages()} <span class="muted">({props.total} in all)</span>
        </p>
        <button type="button" class="button button--secondary" disabled={props.page >= pages()} onClick={() => props.onPage(props.page + 1)}>
          Next<span class="visually-hidden"> page</span>
          <span aria-hidden="true"> →</span>
        </button>
      </nav>
    </Show>
  );
}

/** A status as a word with a colour; the word carries the meaning, the colour only helps. */
export function StatusBadge(props: { status: string }) {
  return <span class={`badge badge--${props.status}`}>{statusLabel(props.status)}</span>;
}

/** Label and value pairs (a profile, an appointment's details). */
export function Details(props: { items: ReadonlyArray<{ label: string; value: JSX.Element | null | undefined }> }) {
  return (
    <dl class="details">
      <For each={props.items}>
        {(item) => (
          <div class="details__row">
            <dt>{item.label}</dt>
            <dd>{item.value === null || item.value === undefined || item.value === '' ? <span class="muted">Not given</span> : item.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: JSX.Element;
  /** `alertdialog` for a question that needs an answer (confirmations, the idle warning). */
  role?: 'dialog' | 'alertdialog';
  children?: JSX.Element;
}

/** A modal dialog (Ark UI): labelled by its title, traps focus, Escape and the close button dismiss it. */
export function Modal(props: DialogProps) {
  return (
    <Dialog.Root open={props.open} onOpenChange={(details) => props.onOpenChange(details.open)} role={props.role ?? 'dialog'} lazyMount unmountOnExit>
      <Portal>
        <Dialog.Backdrop class="dialog__backdrop" />
        <Dialog.Positioner class="dialog__positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <Show when={props.description}>
              <Dialog.Description class="dialog__description">{props.description}</Dialog.Description>
            </Show>
            {props.children}
            <Dialog.CloseTrigger class="dialog__close" aria-label="Close">
              <span aria-hidden="true">×</span>
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

/**
 * "Are you sure?" as a dialog. `onConfirm` runs the action; while it runs the button says so; if it
 * throws, the error shows inside the dialog and the dialog stays open.
 */
export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: JSX.Element;
  confirmLabel: string;
  busyLabel?: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  children?: JSX.Element;
}) {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  createEffect(() => {
    if (props.open) setProblem(null);
  });
  async function confirm() {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    try {
      await props.onConfirm();
      props.onOpenChange(false);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={props.open} onOpenChange={props.onOpenChange} title={props.title} description={props.description} role="alertdialog">
      {props.children}
      <div class="alert-region" role="alert">
        <Show when={problem()}>
          <div class="alert alert--error">
            <p class="alert__body">{problem()}</p>
          </div>
        </Show>
      </div>
      <div class="dialog__actions">
        <button type="button" class="button button--secondary" onClick={() => props.onOpenChange(false)}>
          {props.cancelLabel ?? 'Keep it'}
        </button>
        <button
          type="button"
          class="button"
          classList={{ 'button--danger': Boolean(props.danger), 'button--primary': !props.danger }}
          aria-disabled={busy() ? 'true' : undefined}
          onClick={() => void confirm()}
        >
          {busy() ? (props.busyLabel ?? 'Working…') : props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

/** A table that scrolls sideways inside itself on a phone, never the page. */
export function TableWrap(props: { label: string; children: JSX.Element }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  );
}
