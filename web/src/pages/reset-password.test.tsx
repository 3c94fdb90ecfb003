// @vitest-environment happy-dom
/**
 * The reset page against a pretend API: a refused link is explained with a way to ask again; a password the
 * policy refuses stays on its field; success signs this browser out with a notice for the sign-in page.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { session } from '../lib/session';
import ResetPassword from './reset-password';

function answer(body: unknown, status: number) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function show(path: string) {
  const history = createMemoryHistory();
  history.set({ value: path });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="/reset-password" component={ResetPassword} />
      <Route path="/sign-in" component={() => <p>the sign-in page</p>} />
    </MemoryRouter>
  ));
  return history;
}

async function submit(password: string) {
  fireEvent.input(await screen.findByLabelText('New password', { exact: true }), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
}

describe('the reset password page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  test('a wrong, used or expired link is explained, with a link to ask for a new one', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer({ error: { code: 'invalid_token', message: 'This link is not valid any more. Ask for a new one.' } }, 400)));
    await show('/reset-password?token=abc');
    await submit('a long enough new password');
    await screen.findByText('This link does not work');
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
  });

  test("the policy's refusal is shown on the password field", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer({ error: { code: 'invalid_input', message: 'Check the form.', fields: { password: 'must not contain your email address' } } }, 400)));
    await show('/reset-password?token=abc');
    await submit('a long enough new password');
    await waitFor(() => expect(document.getElementById('password-error')?.textContent).toContain('New password must not contain your email address.'));
  });

  test('success goes to sign-in with a notice', async () => {
    const fetchMock = vi.fn(async () => answer(undefined, 204));
    vi.stubGlobal('fetch', fetchMock);
    const history = await show('/reset-password?token=abc');
    await submit('a long enough new password');
    await screen.findByText('the sign-in page');
    expect(history.get()).toBe('/sign-in');
    expect(session.notice()).toBe('Your password has been changed. Sign in with your new password.');
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/password-reset/confirm', expect.objectContaining({ body: JSON.stringify({ token: 'abc', password: 'a long enough new password' }) }));
  });

  test('a link without its token says so', async () => {
    await show('/reset-password');
    await screen.findByText('This link does not work');
  });
});
