// @vitest-environment happy-dom
/**
 * Sign-in's two steps, against a pretend API: a right password for an account with two-step sign-in asks
 * for a code on the same page; a wrong code is shown on its field, too many tries say how long to wait,
 * a pending sign-in that ran out goes back to the password, and "Back" does too.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { session } from '../lib/session';
import SignIn from './sign-in';

const user = { id: 'u1', role: 'admin' as const, name: 'Ada Okafor', email: 'ada@hospital.local' };

function answer(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function showSignIn() {
  const history = createMemoryHistory();
  history.set({ value: '/sign-in' });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="*" component={SignIn} />
    </MemoryRouter>
  ));
}

type Handler = (body: unknown) => Response;

describe('signing in with a second factor', () => {
  let routes: Record<string, Handler>;
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    routes = { '/api/auth/login': () => answer({ mfaRequired: true }), '/api/auth/logout': () => new Response(null, { status: 204 }) };
    fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      const handler = routes[url];
      if (!handler) return answer({ error: { code: 'not_found', message: 'no' } }, 404);
      return handler(init.body ? JSON.parse(init.body as string) : undefined);
    });
    vi.stubGlobal('fetch', fetchMock);
    await session.signOut();
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label, { exact: true }), { target: { value } });

  async function passwordStep() {
    showSignIn();
    await screen.findByLabelText('Email address');
    type('Email address', 'ada@hospital.local');
    type('Password', 'a long enough password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    return screen.findByLabelText('Code', { exact: true });
  }

  test('a right password asks for the code on the same page; the code as typed ("123 456") signs in', async () => {
    routes['/api/auth/login/mfa'] = () => answer({ user });
    await passwordStep();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign in');
    expect(screen.queryByLabelText('Password', { exact: true })).toBeNull();
    type('Code', '123 456');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(session.user()).toEqual(user));
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/login/mfa', expect.objectContaining({ method: 'POST', body: JSON.stringify({ code: '123456' }) }));
  });

  test('a recovery code is sent tidied, and a wrong code is shown on the field', async () => {
    const sent: unknown[] = [];
    routes['/api/auth/login/mfa'] = (body) => {
      sent.push(body);
      return answer({ error: { code: 'invalid_code', message: 'That code is not right. Check the time on your device and try the newest code.' } }, 400);
    };
    await passwordStep();
    type('Code', 'ABCDE FGHIJ');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const field = screen.getByLabelText('Code', { exact: true });
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('code-error')?.textContent).toContain('That code is not right');
    expect(sent).toEqual([{ code: 'abcde-fghij' }]);
    expect(session.user()).toBeNull();
  });

  test('too many tries say how long to wait', async () => {
    routes['/api/auth/login/mfa'] = () => answer({ error: { code: 'rate_limited', message: 'Too many attempts.' } }, 429, { 'retry-after': '120' });
    await passwordStep();
    type('Code', '123456');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Too many attempts. Please wait about 2 minutes and try again.'));
  });

  test('a pending sign-in that ran out goes back to the password step and says why', async () => {
    routes['/api/auth/login/mfa'] = () =>
      answer({ error: { code: 'unauthenticated', message: 'Sign in with your password again: the code must follow it within five minutes.' } }, 401);
    await passwordStep();
    type('Code', '123456');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByLabelText('Password', { exact: true });
    expect(screen.getByText(/within five minutes/)).toBeTruthy();
  });

  test('"Back to email and password" returns to the first step', async () => {
    await passwordStep();
    fireEvent.click(screen.getByRole('button', { name: 'Back to email and password' }));
    await screen.findByLabelText('Password', { exact: true });
    expect(screen.getByRole('link', { name: 'Forgot password?' }).getAttribute('href')).toBe('/forgot-password');
  });

  test('an account without two-step sign-in is signed in by its password alone', async () => {
    routes['/api/auth/login'] = () => answer({ user });
    showSignIn();
    await screen.findByLabelText('Email address');
    type('Email address', 'ada@hospital.local');
    type('Password', 'a long enough password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(session.user()).toEqual(user));
  });
});
