/**
 * End to end, the account pages of issue 11 on the demo hospital: a patient resets a forgotten password
 * from the email in the development inbox; the administrator sets up two-step sign-in by reading the key
 * off the page and signs in with a code; the sessions list shows a second browser and signs it out.
 * Each page is checked with axe in light and dark at desktop and phone width; screenshots go to
 * /tmp/wardline-shots/account-*.png.
 */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, expectAccessible, openBrowser, shot, signIn, signOut, useSystem, type Browser } from '../support/e2e';
import { mailTo } from '../support/mail-inbox';

const NEW_PASSWORD = 'copper kettle morning tide';

/** axe in the four ways the lead's sweep looks at a page. */
async function accessibleEverywhere(page: Page, label: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
      // Reduced motion, as the sweep does: no colour transition half-way through when axe reads the contrast
      // (under load 150 ms was not always enough for one, and axe read light buttons with dark text).
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      await expectAccessible(page, `${label} (${colorScheme}, ${viewport.width} px)`);
      // No sideways scroll of the page at phone width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${label} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The code an authenticator app would show `stepsAhead` steps from now (the API takes ±1 step). */
function codeFor(secret: string, stepsAhead = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

describe('accounts people can keep, in a browser', () => {
  const system = useSystem();
  let browser: Browser;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    base = system().base;
    browser = await openBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('a patient resets a forgotten password from the link in the email; the old password and the used link stop working', async () => {
    const startedAt = new Date().toISOString();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await accessibleEverywhere(page, 'forgot password');
    await shot(page, 'account-forgot-password');
    await page.getByLabel('Email address').fill(DEMO.patient);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If an account exists for that address, we have sent a link').waitFor();
    await shot(page, 'account-forgot-password-sent');

    const mail = await mailTo(system().inbox, DEMO.patient, '/reset-password?token=', startedAt);
    const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link, mail.text).toBeDefined();
    expect(link?.startsWith(`${base}/reset-password?token=`)).toBe(true);

    await page.goto(link as string);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    // The token leaves the address bar (and so the history) as soon as the page has read it.
    expect(new URL(page.url()).search).toBe('');
    await accessibleEverywhere(page, 'reset password');
    await shot(page, 'account-reset-password');
    // The policy is checked on the field before anything is sent (and the link stays usable).
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.locator('#password-error').waitFor();
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('Your password has been changed. Sign in with your new password.').waitFor();
    await shot(page, 'account-reset-done');

    // The old password no longer signs in.
    await page.getByLabel('Email address').fill(DEMO.patient);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.alert--error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signIn(page, base, DEMO.patient, NEW_PASSWORD);
    await page.getByTestId('signed-in-as').getByText(DEMO.patientName).waitFor();
    await signOut(page);

    // The link worked once.
    await page.goto(link as string);
    await page.getByLabel('New password', { exact: true }).fill('another long new password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('This link does not work').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await accessibleEverywhere(page, 'reset password, link refused');
    await shot(page, 'account-reset-link-refused');
  }, 180_000);

  test('the administrator sets up two-step sign-in from the key on the page, then signs in with a code', async () => {
    const { email, password } = system().admin;
    await signIn(page, base, email, password);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    const secretText = await page.getByTestId('mfa-secret').textContent();
    const secret = (secretText ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect(page.getByRole('img', { name: 'QR code for your authenticator app' }).getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
    await accessibleEverywhere(page, 'account, two-step setup');
    await shot(page, 'account-mfa-setup');

    // A wrong code is refused on its field.
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.locator('#mfa-code-error').waitFor();

    await page.getByLabel('Code from the app').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Save these recovery codes now' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code.trim()).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await accessibleEverywhere(page, 'account, recovery codes');
    await shot(page, 'account-mfa-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('Status: On').waitFor();

    await signOut(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await accessibleEverywhere(page, 'sign in, code step');
    await shot(page, 'account-sign-in-code');
    await page.getByLabel('Code', { exact: true }).fill('123 456');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#code-error').waitFor();
    // The code of the next step: the one that turned it on is spent, and the API takes a step either side.
    await page.getByLabel('Code', { exact: true }).fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.getByTestId('signed-in-as').waitFor();
    await signOut(page);

    // A recovery code signs in once.
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code', { exact: true }).fill((codes[0] ?? '').trim().toUpperCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto(`${base}/account`);
    await page.getByText('Status: On').waitFor();
    await accessibleEverywhere(page, 'account, admin with two-step on');
    await shot(page, 'account-admin');
    await signOut(page);
  }, 240_000);

  test('the sessions list shows a second browser, and signing it out ends its session on its next request', async () => {
    const other = await openBrowser();
    try {
      const before = new Date().toISOString();
      await signIn(other.page, base, DEMO.doctor, DEMO.password);
      await signIn(page, base, DEMO.doctor, DEMO.password);
      // A fresh browser is a new device: the email names it and links to the sessions.
      const mail = await mailTo(system().inbox, DEMO.doctor, '/account/sessions', before);
      expect(mail.subject).toMatch(/^A sign-in from a new device/);
      const link = /https?:\/\/\S+\/account\/sessions/.exec(mail.text)?.[0];
      expect(link).toBe(`${base}/account/sessions`);
      await page.goto(link as string);
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      const sessions = page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem');
      await expect.poll(() => sessions.count()).toBe(2);
      await page.getByText('This device').waitFor();
      await accessibleEverywhere(page, 'account, sessions');
      await shot(page, 'account-sessions');

      await page.getByRole('button', { name: /^Sign out .+last seen/ }).click();
      await page.getByRole('alertdialog', { name: 'Sign out this device?' }).waitFor();
      await accessibleEverywhere(page, 'account, sign out a session dialog');
      await shot(page, 'account-sessions-confirm');
      await page.getByRole('button', { name: 'Sign it out' }).click();
      await expect.poll(() => sessions.count()).toBe(1);

      // The other browser finds out on its next request.
      await other.page.goto(`${base}/doctor`);
      await other.page.waitForURL((url) => url.pathname === '/sign-in');
      expect(other.errors).toEqual([]);
      await signOut(page);
    } finally {
      await other.close();
    }
  }, 180_000);

  test('a patient changes their password on the account page; a wrong current password is shown on its field', async () => {
    await signIn(page, base, DEMO.patient, NEW_PASSWORD);
    await page.goto(`${base}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Status: Off').waitFor();
    await accessibleEverywhere(page, 'account, patient');
    await shot(page, 'account-patient');
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('lantern orchard river 7');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#currentPassword-error').waitFor();
    await page.getByLabel('Current password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('other devices signed in to your account were signed out').waitFor();
    await signOut(page);
    await signIn(page, base, DEMO.patient, 'lantern orchard river 7');
    await signOut(page);
  }, 120_000);

  test('no page reported an error of its own', () => {
    expect(browser.errors).toEqual([]);
  });
});
