/**
 * Two-step sign-in (TOTP): whether it is on; setting it up (the QR code and the secret to type, then a code
 * from the app to turn it on); the ten recovery codes, shown once, to copy or download; turning it off with
 * the password and a code.
 */
import { createSignal, Match, Switch, type Resource } from 'solid-js';
import type { MeResponse, MfaSetupResponse } from '../../../../shared/schemas/auth';
import { FormAlert, Notice } from '../../components/field';
import { Async, Section } from '../../components/ui';
import { accountApi } from '../../lib/account-api';
import type { User } from '../../lib/api';
import { summaryMessage } from '../../lib/form';
import { session } from '../../lib/session';
import { RecoveryCodes } from './recovery-codes';
import { EnableForm, TurnOffForm } from './two-step-forms';

type Stage = { kind: 'idle' } | { kind: 'setup'; setup: MfaSetupResponse } | { kind: 'codes'; codes: string[] };

/** `onChanged`: turning it on or off ends every other session, so the sessions list is out of date. */
export function TwoStepSection(props: { me: Resource<MeResponse>; refetch: () => void; onChanged: () => void; user: User }) {
  const [stage, setStage] = createSignal<Stage>({ kind: 'idle' });
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  async function start() {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      setStage({ kind: 'setup', setup: await accountApi.setupMfa() });
    } catch (err) {
      setProblem(summaryMessage(err, 'start the setup'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Two-step sign-in" id="two-step">
      <p class="muted">
        With two-step sign-in on, signing in needs your password and a 6-digit code from an authenticator app on your phone (such as Google
        Authenticator, Microsoft Authenticator or FreeOTP), so a stolen password alone is not enough.
      </p>
      <Notice message={notice()} />
      <FormAlert message={problem()} />
      <Async resource={props.me} refetch={props.refetch} loadingLabel="Checking two-step sign-in…">
        {(me) => (
          <Switch>
            <Match when={stage().kind === 'codes' && (stage() as { codes: string[] }).codes} keyed>
              {(codes) => (
                <RecoveryCodes
                  codes={codes}
                  email={props.user.email}
                  onDone={() => {
                    setStage({ kind: 'idle' });
                    props.refetch();
                  }}
                />
              )}
            </Match>
            <Match when={me.mfaEnabled}>
              <p class="account__status">
                Status: <span class="badge badge--active">On</span>
              </p>
              <TurnOffForm
                onOff={() => {
                  setNotice('Two-step sign-in is off. Signing in now needs only your password. Your other devices were signed out.');
                  props.refetch();
                  props.onChanged();
                }}
              />
            </Match>
            <Match when={stage().kind === 'setup' && (stage() as { setup: MfaSetupResponse }).setup} keyed>
              {(setup) => (
                <EnableForm
                  setup={setup}
                  onEnabled={(codes) => {
                    session.mfaSetUp();
                    setStage({ kind: 'codes', codes });
                    props.onChanged();
                  }}
                  onCancel={() => setStage({ kind: 'idle' })}
                />
              )}
            </Match>
            <Match when={true}>
              <p class="account__status">
                Status: <span class="badge badge--cancelled">Off</span>
              </p>
              <button type="button" class="button button--primary" aria-disabled={busy() ? 'true' : undefined} onClick={() => void start()}>
                {busy() ? 'Starting…' : 'Set up two-step sign-in'}
              </button>
            </Match>
          </Switch>
        )}
      </Async>
    </Section>
  );
}
