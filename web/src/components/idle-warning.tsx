/**
 * The session ends after SESSION_IDLE_MINUTES without a request. A minute before, this asks whether to
 * stay signed in (an alert dialog, so a screen reader announces it at once); staying asks the server
 * anything, which restarts its idle timer. If nobody answers, the app signs out by itself and the
 * guards send the browser to sign-in with the page remembered.
 */
import { createSignal, onCleanup, onMount } from 'solid-js';
import { auth, whenServerAnswers } from '../lib/api';
import { settings } from '../lib/config';
import { session } from '../lib/session';
import { Modal } from './ui';

const WARN_BEFORE_MS = 60_000;
const TICK_MS = 1_000;

export function IdleWarning() {
  const [lastAnswer, setLastAnswer] = createSignal(Date.now());
  const [now, setNow] = createSignal(Date.now());
  const [dismissed, setDismissed] = createSignal(false);
  whenServerAnswers(() => {
    setLastAnswer(Date.now());
    setDismissed(false);
  });

  const idleMs = () => settings.sessionIdleMinutes() * 60_000;
  const left = () => idleMs() - (now() - lastAnswer());
  const open = () => !dismissed() && left() <= WARN_BEFORE_MS && left() > 0;

  onMount(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      if (left() <= 0 && session.user()) session.expired();
    }, TICK_MS);
    onCleanup(() => clearInterval(timer));
  });

  async function stay() {
    setDismissed(true);
    // Any answer restarts the idle timer, here and on the server; a 401 means it had already ended.
    await auth.me().catch(() => undefined);
  }

  return (
    <Modal
      open={open()}
      onOpenChange={(isOpen) => {
        if (!isOpen) void stay();
      }}
      role="alertdialog"
      title="Are you still there?"
      description={<>For your privacy you will be signed out in {Math.max(0, Math.ceil(left() / 1000))} seconds.</>}
    >
      <div class="dialog__actions">
        <button type="button" class="button button--secondary" onClick={() => void session.signOut().catch(() => session.expired())}>
          Sign out now
        </button>
        <button type="button" class="button button--primary" onClick={() => void stay()}>
          Stay signed in
        </button>
      </div>
    </Modal>
  );
}
