// @vitest-environment happy-dom
/**
 * The idle warning, in a DOM with a pretend clock: it stays away while the server is answering, asks a
 * minute before the idle timeout, "Stay signed in" asks the server (which restarts its timer) and closes,
 * and with no answer the app signs out by itself.
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { settings } from '../lib/config';
import { session } from '../lib/session';
import { IdleWarning } from './idle-warning';

const user = { id: 'u1', role: 'patient' as const, name: 'Ada Okafor', email: 'ada@example.com' };

function answer(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('the idle warning', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false, toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    fetchMock = vi.fn(async (url: string) => {
      if (url === '/api/settings') return answer({ hospitalName: 'H', timeZone: 'Europe/London', sessionIdleMinutes: 3 });
      return answer({ user });
    });
    vi.stubGlobal('fetch', fetchMock);
    await settings.load();
    session.signedIn(user);
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  test('asks a minute before the timeout, and staying asks the server and closes the question', async () => {
    render(() => <IdleWarning />);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await vi.advanceTimersByTimeAsync(2_000);
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Are you still there?');
    expect(dialog.textContent).toMatch(/signed out in (59|60) seconds/);

    fetchMock.mockClear();
    screen.getByRole('button', { name: 'Stay signed in' }).click();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/me', expect.objectContaining({ method: 'GET' }));
    await vi.advanceTimersByTimeAsync(500);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(session.user()).toEqual(user);
  });

  test('with no answer the session ends here too, with the notice for the sign-in page', async () => {
    render(() => <IdleWarning />);
    await vi.advanceTimersByTimeAsync(181_000);
    expect(session.user()).toBeNull();
    expect(session.notice()).toBe('Your session has ended. Please sign in again.');
  });
});
