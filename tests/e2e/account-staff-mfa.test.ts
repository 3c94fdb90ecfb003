/**
 * End to end with REQUIRE_STAFF_MFA=true: a doctor without two-step sign-in who signs in is refused by the
 * API (403 mfa_setup_required) and the web app leads them to the setup on their account page with an
 * explanation, not an error; once it is on, their pages work. A patient is not asked.
 */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, openBrowser, shot, signIn, signOut, useSystem, type Browser } from '../support/e2e';

function codeNow(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

describe('staff are led to set up two-step sign-in when the hospital requires it', () => {
  const system = useSystem({ env: { REQUIRE_STAFF_MFA: 'true' } });
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

  test('a doctor without it lands on the setup with an explanation, sets it up, and then reaches their pages', async () => {
    await signIn(page, base, DEMO.doctor, DEMO.password);
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Set up two-step sign-in to continue').waitFor();
    await shot(page, 'account-staff-mfa-required');

    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Code from the app').fill(codeNow(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Save these recovery codes now' }).waitFor();
    expect(await page.getByText('Set up two-step sign-in to continue').count()).toBe(0);
    await page.getByRole('button', { name: 'I have saved them' }).click();

    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('heading', { level: 2, name: "Today's appointments" }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/doctor');
    await signOut(page);
  }, 180_000);

  test('a patient is not asked', async () => {
    // A fresh sign-in page: the one after the doctor's sign-out remembers /doctor as where to go next.
    await page.goto(`${base}/sign-in`);
    await signIn(page, base, DEMO.patient, DEMO.password);
    await page.getByTestId('signed-in-as').waitFor();
    await page.waitForTimeout(1_000);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByText('Set up two-step sign-in to continue').count()).toBe(0);
    await signOut(page);
  }, 60_000);

  test('no page reported an error of its own', () => {
    expect(browser.errors).toEqual([]);
  });
});
