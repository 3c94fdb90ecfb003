/** The forms of two-step sign-in: confirming a new authenticator with its first code, and turning it off. */
import { createSignal } from 'solid-js';
import * as v from 'valibot';
import { DisableMfaInput, MfaCode, type MfaSetupResponse } from '../../../../shared/schemas/auth';
import { FormAlert, TextField } from '../../components/field';
import { accountApi, groupSecret, tidyCode } from '../../lib/account-api';
import { ApiError } from '../../lib/api';
import { validate } from '../../lib/form';
import { createFormState } from '../../lib/form-state';

/** The QR code is SVG markup from our own API; as an image it cannot run anything, unlike innerHTML. */
function qrDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** `invalid_code` names no field in the API's answer; here it belongs on the code. */
const codeRefused = (showFieldErrors: (fields: Record<string, string>) => void) => (err: unknown) => {
  if (!(err instanceof ApiError && err.code === 'invalid_code')) return false;
  showFieldErrors({ code: err.message });
  return true;
};

export function EnableForm(props: { setup: MfaSetupResponse; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const labels = { code: 'Code from the app' } as const;
  const [code, setCode] = createSignal('');
  const state = createFormState(labels, () => {
    const result = validate(v.object({ code: MfaCode }), { code: code() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) =>
    state.submit(event, 'turn on two-step sign-in', async (input) => props.onEnabled(await accountApi.enableMfa(tidyCode(input.code))), codeRefused(state.showFieldErrors));

  return (
    <div class="account__setup">
      <ol class="account__steps">
        <li>
          <p>Open your authenticator app and add an account by scanning this QR code.</p>
          <img class="account__qr" src={qrDataUrl(props.setup.qrSvg)} alt="QR code for your authenticator app" width="200" height="200" />
        </li>
        <li>
          <p>Cannot scan it? Choose to enter a setup key, and type this key:</p>
          <p class="account__secret">
            <code data-testid="mfa-secret">{groupSecret(props.setup.secret)}</code>
          </p>
        </li>
        <li>
          <p>Type the 6-digit code the app now shows for this account.</p>
          <FormAlert message={state.problem()} />
          <form ref={state.ref} class="form account__form" novalidate onSubmit={submit}>
            <TextField
              id="mfa-code"
              label={labels.code}
              inputmode="numeric"
              autocomplete="one-time-code"
              spellcheck={false}
              required
              value={code()}
              onValue={(value) => {
                setCode(value);
                state.recheck('code');
              }}
              error={state.errorFor('code')}
            />
            <div class="row">
              <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
                {state.busy() ? 'Checking…' : 'Turn on two-step sign-in'}
              </button>
              <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
                Cancel
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

export function TurnOffForm(props: { onOff: () => void }) {
  const labels = { password: 'Your password', code: 'Code from the app, or a recovery code' } as const;
  const [password, setPassword] = createSignal('');
  const [code, setCode] = createSignal('');
  const state = createFormState(labels, () => {
    const result = validate(DisableMfaInput, { password: password(), code: code() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });
  const submit = (event: SubmitEvent) =>
    state.submit(
      event,
      'turn off two-step sign-in',
      async (input) => {
        await accountApi.disableMfa({ password: input.password, code: tidyCode(input.code) });
        props.onOff();
      },
      codeRefused(state.showFieldErrors),
    );

  return (
    <details class="account__turn-off">
      <summary>Turn off two-step sign-in</summary>
      <p class="muted">Without it, your password alone signs you in. To be sure it is you, type your password and a code.</p>
      <FormAlert message={state.problem()} />
      <form ref={state.ref} class="form account__form" novalidate onSubmit={submit}>
        <TextField
          id="off-password"
          type="password"
          label={labels.password}
          autocomplete="current-password"
          required
          value={password()}
          onValue={(value) => {
            setPassword(value);
            state.recheck('password');
          }}
          error={state.errorFor('password')}
        />
        <TextField
          id="off-code"
          label={labels.code}
          autocomplete="one-time-code"
          spellcheck={false}
          required
          value={code()}
          onValue={(value) => {
            setCode(value);
            state.recheck('code');
          }}
          error={state.errorFor('code')}
        />
        <button type="submit" class="button button--danger" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Turning off…' : 'Turn off two-step sign-in'}
        </button>
      </form>
    </details>
  );
}
