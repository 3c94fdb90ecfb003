/** The ten recovery codes, shown this once: a clear "save these now", and copy and download to keep them. */
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { recoveryCodesText } from '../../lib/account-api';
import { settings } from '../../lib/config';

export function RecoveryCodes(props: { codes: string[]; email: string; onDone: () => void }) {
  const [copied, setCopied] = createSignal<string | null>(null);
  const text = () => recoveryCodesText(props.codes, settings.hospitalName(), props.email);
  const downloadUrl = URL.createObjectURL(new Blob([text()], { type: 'text/plain' }));
  onCleanup(() => URL.revokeObjectURL(downloadUrl));
  let heading: HTMLHeadingElement | undefined;
  queueMicrotask(() => heading?.focus());

  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      setCopied('Copied. Paste them somewhere safe, such as a password manager.');
    } catch {
      setCopied('Your browser did not let us copy. Download the file, or write the codes down.');
    }
  }

  return (
    <div class="account__codes">
      <p class="account__status">
        Status: <span class="badge badge--active">On</span>
      </p>
      <div class="alert alert--info">
        <h3 class="alert__title" tabindex="-1" ref={heading}>
          Save these recovery codes now
        </h3>
        <p class="alert__body">
          If you lose your phone, each code signs you in once instead of a code from the app. This is the only time we show them: copy them,
          download them or write them down before you leave this page. Any other devices signed in to your account were signed out.
        </p>
      </div>
      <ul class="account__code-list" aria-label="Your recovery codes">
        <For each={props.codes}>
          {(code) => (
            <li>
              <code>{code}</code>
            </li>
          )}
        </For>
      </ul>
      <div class="row">
        <button type="button" class="button button--secondary" onClick={() => void copy()}>
          Copy the codes
        </button>
        <a class="button button--secondary" href={downloadUrl} download="wardline-recovery-codes.txt">
          Download the codes
        </a>
        <button type="button" class="button button--primary" onClick={() => props.onDone()}>
          I have saved them
        </button>
      </div>
      <p role="status" class="muted">
        <Show when={copied()}>{copied()}</Show>
      </p>
    </div>
  );
}
