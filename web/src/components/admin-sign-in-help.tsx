/**
 * The "Sign-in help" section of an admin's patient and doctor pages: for someone who rings the desk unable to
 * sign in. Send them the reset link of "Forgot password?" (the admin never sees or sets the password), or,
 * once the desk has confirmed who they are, remove a second factor they lost with its recovery codes. Each
 * behind a confirmation that says what happens.
 */
import { createSignal, Show } from 'solid-js';
import { adminApi } from '../lib/admin-api';
import { ConfirmDialog, Section } from './ui';

export function SignInHelp(props: {
  user: { id: string; name: string; email: string; mfaEnabled: boolean };
  onNotice: (message: string) => void;
  onMfaRemoved: () => void;
}) {
  const [confirming, setConfirming] = createSignal<'reset' | 'mfa' | null>(null);
  return (
    <Section title="Sign-in help">
      <p>
        A reset link lets them choose a new password themselves: you never see or set it.{' '}
        {props.user.mfaEnabled
          ? 'Two-step sign-in is on. Remove it only for someone who lost their authenticator and recovery codes, once you have confirmed who they are.'
          : 'Two-step sign-in is off for this account.'}
      </p>
      <div class="admin-actions">
        <button type="button" class="button button--secondary" onClick={() => setConfirming('reset')}>
          Send a password reset link
        </button>
        <Show when={props.user.mfaEnabled}>
          <button type="button" class="button button--danger" onClick={() => setConfirming('mfa')}>
            Remove two-step sign-in
          </button>
        </Show>
      </div>
      <ConfirmDialog
        open={confirming() === 'reset'}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={`Send ${props.user.name} a password reset link?`}
        description={`An email goes to ${props.user.email} with a link to choose a new password, valid for 30 minutes. Their password stays as it is until they use it.`}
        confirmLabel="Send the link"
        busyLabel="Sending…"
        cancelLabel="Cancel"
        onConfirm={async () => {
          const sent = await adminApi.sendPasswordReset(props.user.id);
          props.onNotice(sent.message);
        }}
      />
      <ConfirmDialog
        open={confirming() === 'mfa'}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={`Remove ${props.user.name}'s two-step sign-in?`}
        description="Their authenticator and recovery codes stop working, they are signed out everywhere, and they are emailed. Their password alone then signs in until they set two-step sign-in up again."
        confirmLabel="Remove two-step sign-in"
        busyLabel="Removing…"
        cancelLabel="Cancel"
        danger
        onConfirm={async () => {
          await adminApi.removeMfa(props.user.id);
          props.onMfaRemoved();
          props.onNotice(`Two-step sign-in is off for ${props.user.name}, and they have been signed out everywhere.`);
        }}
      />
    </Section>
  );
}
