/**
 * The account pages for the accessibility sweep (tests/e2e/accessibility.test.ts): the account page of
 * whoever is signed in (every role has it), with the two-step setup open and with the sign-out dialog of
 * a session; and the signed-out pages for a forgotten password.
 */
import type { A11yPage } from '../../support/e2e';

async function openAccount(page: Parameters<A11yPage['visit']>[0], base: string) {
  await page.goto(`${base}/account`);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await page.getByRole('list', { name: 'Your sessions' }).waitFor();
  await page.getByText(/^Status:/).waitFor();
}

/** For any signed-in role. Setting up two-step sign-in is only started, never finished: it changes nothing. */
export const accountPages: A11yPage[] = [
  { name: 'account', visit: openAccount },
  {
    name: 'account, two-step setup started',
    visit: async (page, base) => {
      await openAccount(page, base);
      const start = page.getByRole('button', { name: 'Set up two-step sign-in' });
      // An account with two-step sign-in on shows how to turn it off instead.
      if (await start.isVisible()) {
        await start.click();
        await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
      } else {
        await page.getByText('Turn off two-step sign-in').first().click();
      }
    },
  },
  {
    name: 'account, sessions (the new-device email link)',
    visit: async (page, base) => {
      await page.goto(`${base}/account/sessions`);
      await page.getByRole('list', { name: 'Your sessions' }).waitFor();
    },
  },
];

export const signedOutAccountPages: A11yPage[] = [
  {
    name: 'forgot password',
    visit: async (page, base) => {
      await page.goto(`${base}/forgot-password`);
      await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    },
  },
  {
    name: 'forgot password, with an error',
    visit: async (page, base) => {
      await page.goto(`${base}/forgot-password`);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.locator('#email-error').waitFor();
    },
  },
  {
    name: 'reset password',
    visit: async (page, base) => {
      await page.goto(`${base}/reset-password?token=not-a-real-token`);
      await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    },
  },
  {
    name: 'reset password, link refused',
    visit: async (page, base) => {
      await page.goto(`${base}/reset-password?token=not-a-real-token`);
      await page.getByLabel('New password', { exact: true }).fill('a long enough new password');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('This link does not work').waitFor();
    },
  },
];
