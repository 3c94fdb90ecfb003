/**
 * End to end, as a user: the real system started the way `npm start` starts it (tests/support/e2e.ts),
 * driven through Debian's Chromium. A patient
 * registers, signs out, mistypes their password, signs in; the registration form catches a short
 * password before asking the server. Screenshots go to /tmp/wardline-shots/ for a human to look at.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowser, SHOTS, useSystem, type Browser } from '../support/e2e';

const RUN_ID = Math.random().toString(36).slice(2, 10);
/** A name no default could produce: the web app must show what the runner was configured with. */
const HOSPITAL_NAME = `St Brigid's Infirmary ${RUN_ID}`;

const patient = {
  name: 'Ada Okafor',
  email: `ada.okafor.${RUN_ID}@example.com`,
  password: 'quiet harbour lantern 42',
};

// ---------------------------------------------------------------------------------------------------
// Helpers: the page

/** What a field says about itself: its value, whether it is invalid, and the text of its description. */
async function fieldState(page: Page, id: string) {
  return page.evaluate((fieldId) => {
    const input = document.getElementById(fieldId) as HTMLInputElement | null;
    if (!input) throw new Error(`no element #${fieldId}`);
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const description = describedBy.map((ref) => document.getElementById(ref)?.textContent ?? '').join(' ');
    const field = input.closest('.field');
    const errorInField = field?.querySelector('.field__error')?.textContent ?? null;
    return {
      value: input.value,
      invalid: input.getAttribute('aria-invalid') === 'true',
      description,
      errorInField,
      labelled: input.labels !== null && input.labels.length > 0,
    };
  }, id);
}

// ---------------------------------------------------------------------------------------------------

describe('signing in and registering in a browser', () => {
  // NODE_ENV=test: no demo hospital, which these tests do not need.
  const system = useSystem({ env: { HOSPITAL_NAME, NODE_ENV: 'test' } });
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

  test('a signed-out visitor of the home page is sent to the sign-in page', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await fieldState(page, 'email')).labelled).toBe(true);
    expect((await fieldState(page, 'password')).labelled).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'sign-in.png'), fullPage: true });
  });

  test("the header and the page title show the hospital's configured name (from GET /api/settings)", async () => {
    await page.goto(`${base}/sign-in`);
    const brand = page.getByRole('banner').getByRole('link', { name: HOSPITAL_NAME, exact: true });
    await brand.waitFor();
    expect((await brand.textContent())?.trim()).toBe(HOSPITAL_NAME);
    await page.waitForFunction((title) => document.title === title, `Sign in · ${HOSPITAL_NAME}`);
  });

  test('a new patient registers through the form and lands on the home page showing their name', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL((url) => url.pathname === '/register');
    await page.getByLabel('Full name').fill(patient.name);
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    await page.getByLabel('Phone number').fill('+44 20 7946 0958');
    await page.getByLabel('Date of birth').fill('1988-04-12');
    await page.getByLabel('Gender').selectOption('female');
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/register'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await answer).status()).toBe(201);

    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(`Signed in as ${patient.name}`);
    // The patient's own home, not a page for another role.
    await page.getByRole('navigation', { name: 'Patient pages' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
  });

  test('signing out returns to the sign-in page and ends the session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('You have signed out.').waitFor();
    // The session is gone for the browser too: the home page sends it back to sign in.
    await page.goto(`${base}/`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('a wrong password shows the error and keeps what was typed', async () => {
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill('not my password at all');
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answer).status()).toBe(401);

    const alert = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email or password is not right.');
    expect((await fieldState(page, 'email')).value).toBe(patient.email);
    expect((await fieldState(page, 'password')).value).toBe('not my password at all');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.screenshot({ path: join(SHOTS, 'sign-in-wrong-password.png'), fullPage: true });
  });

  test('the right password signs the patient in', async () => {
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answer).status()).toBe(200);
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(`Signed in as ${patient.name}`);
    // A reload keeps the session (the cookie), and the guard lets the patient stay.
    await page.reload();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(`Signed in as ${patient.name}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });

  test('a too-short password on the registration form is shown beside the password field without a request', async () => {
    const requests: string[] = [];
    const onRequest = (req: { url(): string }) => {
      if (req.url().includes('/api/auth/register')) requests.push(req.url());
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${base}/register`);
      await page.getByLabel('Full name').fill('Short Password');
      await page.getByLabel('Email address').fill(`short.${RUN_ID}@example.com`);
      await page.getByLabel('Password', { exact: true }).fill('abc');
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.locator('#password-error').waitFor();
      const password = await fieldState(page, 'password');
      expect(password.invalid).toBe(true);
      expect(password.errorInField).toContain('Password must be at least 8 characters');
      expect(password.description).toContain('Password must be at least 8 characters');
      expect(password.value).toBe('abc');
      // Keyboard focus goes to the field that needs attention.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      // The other fields are untouched and not marked.
      expect(await fieldState(page, 'name')).toMatchObject({ value: 'Short Password', invalid: false });
      expect(await fieldState(page, 'email')).toMatchObject({ value: `short.${RUN_ID}@example.com`, invalid: false });
      await page.screenshot({ path: join(SHOTS, 'register-short-password.png'), fullPage: true });

      // Nothing left for the server to see.
      await page.waitForTimeout(300);
      expect(requests).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  test('registering an email that already has an account says so on the email field and offers to sign in', async () => {
    await page.goto(`${base}/register`);
    await page.getByLabel('Full name').fill('Second Try');
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill('a different long passphrase');
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/register'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await answer).status()).toBe(409);

    await page.locator('#email-error').waitFor();
    const email = await fieldState(page, 'email');
    expect(email.invalid).toBe(true);
    expect(email.errorInField).toContain('already exists');
    expect(email.value).toBe(patient.email);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    // What was typed elsewhere stays.
    expect(await fieldState(page, 'name')).toMatchObject({ value: 'Second Try', invalid: false });
    await page.getByRole('link', { name: 'Sign in with this email instead' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect((await fieldState(page, 'email')).value).toBe(patient.email);
  });

  test('the registration page fits a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${base}/register`);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'register-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the app can be installed: Chromium reads the manifest and its icons and reports no installability errors', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toBe(`${base}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data ?? '{}') as { name: string; display: string; icons: Array<{ src: string; sizes: string }> };
    expect(data).toMatchObject({ name: 'Wardline', display: 'standalone' });
    expect(data.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
    expect(installabilityErrors).toEqual([]);
    for (const icon of data.icons) {
      const res = await fetch(new URL(icon.src, base));
      expect(res.status, icon.src).toBe(200);
    }
    await cdp.detach();
  });

  test('the page reported no errors of its own', () => {
    expect(browser.errors).toEqual([]);
  });
});
