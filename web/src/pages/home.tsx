/** /: the signed-in home. The portals for patients, doctors and administrators will live behind it. */
import { createSignal } from 'solid-js';
import { FormAlert } from '../components/field';
import { Card } from '../components/layout';
import type { User } from '../lib/api';
import { summaryMessage } from '../lib/form';
import { session } from '../lib/session';

export default function Home(props: { user: User }) {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function signOut() {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    try {
      // The guard on this page sends the browser to /sign-in once the session is gone.
      await session.signOut();
    } catch (err) {
      setProblem(summaryMessage(err, 'sign you out'));
      setBusy(false);
    }
  }

  return (
    <Card title={`Welcome, ${props.user.name}`}>
      <FormAlert message={problem()} />
      <p class="signed-in-as" data-testid="signed-in-as">
        Signed in as {props.user.name} ({props.user.role})
      </p>
      <p class="muted">Your {props.user.role} portal is on its way. For now, this is where you land after signing in.</p>
      <div class="actions">
        <button type="button" class="button button--secondary" aria-disabled={busy() ? 'true' : undefined} onClick={signOut}>
          {busy() ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </Card>
  );
}
