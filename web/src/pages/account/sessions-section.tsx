/**
 * The devices signed in to this account: device, address, when it signed in and was last seen, this one
 * marked. Any other can be signed out (after a confirmation); it finds out on its next request.
 */
import { createSignal, For, Show, type Resource } from 'solid-js';
import { ConfirmDialog, Async, Section } from '../../components/ui';
import { accountApi, type Session } from '../../lib/account-api';
import { formatDateTime, zoneNote } from '../../lib/format';

export function SessionsSection(props: { sessions: Resource<Session[]>; refetch: () => void }) {
  const [ending, setEnding] = createSignal<Session | null>(null);
  return (
    <Section title="Where you are signed in" id="sessions">
      <p class="muted">If you do not recognise a device, sign it out and change your password. {zoneNote()}</p>
      <Async resource={props.sessions} refetch={props.refetch} loadingLabel="Loading your sessions…">
        {(items) => (
          <ul class="list account__sessions" aria-label="Your sessions">
            <For each={items}>
              {(item) => (
                <li class="list__item account__session">
                  <div class="account__session-head">
                    <h3 class="account__device">{item.device}</h3>
                    <Show when={item.current}>
                      <span class="badge badge--active">This device</span>
                    </Show>
                  </div>
                  <dl class="details account__session-details">
                    <div class="details__row">
                      <dt>Address</dt>
                      <dd>{item.ip ?? <span class="muted">Not known</span>}</dd>
                    </div>
                    <div class="details__row">
                      <dt>Signed in</dt>
                      <dd>{formatDateTime(item.createdAt)}</dd>
                    </div>
                    <div class="details__row">
                      <dt>Last seen</dt>
                      <dd>{formatDateTime(item.lastSeenAt)}</dd>
                    </div>
                  </dl>
                  <Show when={!item.current}>
                    <button type="button" class="button button--secondary button--small" onClick={() => setEnding(item)}>
                      Sign out<span class="visually-hidden"> {item.device}, last seen {formatDateTime(item.lastSeenAt)}</span>
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </Async>
      <ConfirmDialog
        open={ending() !== null}
        onOpenChange={(open) => {
          if (!open) setEnding(null);
        }}
        title="Sign out this device?"
        description={`${ending()?.device ?? 'The device'} will be signed out the next time it is used. Whoever uses it will need your password again.`}
        confirmLabel="Sign it out"
        busyLabel="Signing out…"
        cancelLabel="Keep it signed in"
        danger
        onConfirm={async () => {
          const session = ending();
          if (session) await accountApi.endSession(session.id);
          props.refetch();
        }}
      />
    </Section>
  );
}
