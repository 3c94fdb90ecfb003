/**
 * The administrator's portal end to end, on the demo hospital as `npm start` runs it (tests/support/e2e.ts):
 * the admin reads the dashboard, adds a doctor through the form (its errors first: empty fields, a taken
 * email) and sees the doctors' total go up by one; blocks the demo patient, who is signed in in another
 * browser: that browser's next request lands on the sign-in page with "Your session has ended", and signing
 * in again is refused as a disabled account; the admin restores him and he can sign in. The audit trail
 * says it is intact. For someone who rings the desk, the admin sends the patient a password reset link from his
 * page; it reaches his inbox worded as sent by the hospital. Screenshots of the main pages go to /tmp/wardline-shots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, openBrowser, shot, signIn, signOut, useSystem, type Browser } from '../support/e2e';
import { mailTo } from '../support/mail-inbox';

const RUN_ID = Math.random().toString(36).slice(2, 8);
const newDoctor = {
  name: `Dr Priya Raman ${RUN_ID}`,
  email: `priya.raman.${RUN_ID}@hospital.local`,
  password: 'north window garden 9',
  department: 'Cardiology',
  specialization: 'Heart rhythm',
};

/** A tile's number on the dashboard, found by its label as a screen reader pairs them (dt, dd). */
async function tile(page: Page, label: string): Promise<number> {
  const value = page.locator('dl.admin-tiles > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
  return Number(await value.innerText());
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('the administrator portal', () => {
  const system = useSystem();
  let admin: Browser;
  let patient: Browser;

  beforeAll(async () => {
    admin = await openBrowser();
    patient = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await patient?.close();
  });

  test('the dashboard, adding a doctor, blocking and restoring a signed-in patient, the audit verdict', async () => {
    const { base } = system();
    const page = admin.page;

    // The dashboard, in light and dark.
    await signIn(page, base, system().admin.email, system().admin.password);
    await page.waitForURL(`${base}/admin`);
    await page.getByRole('heading', { level: 2, name: 'Totals' }).waitFor();
    const doctorsBefore = await tile(page, 'Doctors');
    expect(doctorsBefore).toBeGreaterThan(0);
    expect(await tile(page, 'Patients')).toBeGreaterThan(0);
    const perDay = page.getByRole('img', { name: /^Bar chart of appointments per day by status/ });
    await expect(perDay.getAttribute('aria-label')).resolves.toMatch(/appointments in all/);
    await page.getByText('Show the numbers').first().click();
    await page.getByRole('table', { name: 'Appointments per day by status' }).waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'admin-dashboard-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(600);
    await shot(page, 'admin-dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The add-doctor form: its own checks, then the server's (a taken email, on the email field).
    await nav(page, 'Doctors');
    await page.getByRole('link', { name: 'Add a doctor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a doctor' }).waitFor();
    await page.getByRole('button', { name: 'Add the doctor' }).click();
    await expect(page.locator('#doctor-name-error').innerText()).resolves.toContain('Full name must not be empty');
    await expect(page.locator('#doctor-department-error').innerText()).resolves.toContain('Department must be chosen');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('doctor-name');

    await page.getByLabel('Full name').fill(newDoctor.name);
    await page.getByLabel('Email address').fill(DEMO.doctor);
    await page.getByLabel('Password', { exact: true }).fill(newDoctor.password);
    await page.getByLabel('Department').selectOption({ label: newDoctor.department });
    await page.getByLabel('Specialization').fill(newDoctor.specialization);
    await page.getByLabel('Years of experience').fill('7');
    await page.getByRole('button', { name: 'Add the doctor' }).click();
    await expect(page.locator('#doctor-email-error').innerText()).resolves.toContain('An account with this email already exists');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('doctor-email');

    await page.getByLabel('Email address').fill(newDoctor.email);
    await page.getByRole('button', { name: 'Add the doctor' }).click();
    await page.getByRole('heading', { level: 1, name: newDoctor.name }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/doctors\/[^/]+$/);
    await page.getByText('The doctor was added').waitFor();
    await expect(page.getByText(newDoctor.specialization, { exact: true }).count()).resolves.toBe(1);

    // The list finds the new doctor (the search is kept in the URL).
    await nav(page, 'Doctors');
    await page.getByLabel('Name, email or specialization').fill(RUN_ID);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === RUN_ID);
    await page.getByRole('link', { name: newDoctor.name }).waitFor();
    await page.getByLabel('Name, email or specialization').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await page.getByRole('heading', { level: 2, name: /\d+ doctors/ }).waitFor();
    await shot(page, 'admin-doctors');

    await nav(page, 'Dashboard');
    await page.getByRole('heading', { level: 2, name: 'Totals' }).waitFor();
    expect(await tile(page, 'Doctors')).toBe(doctorsBefore + 1);

    // The demo patient is signed in in another browser.
    await signIn(patient.page, base, DEMO.patient, DEMO.password);
    await patient.page.getByRole('heading', { level: 1 }).waitFor();

    // The admin finds him and blocks him.
    await nav(page, 'Patients');
    await page.getByLabel('Name, email, phone or id').fill('OSCAR.HILL@example.org');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: DEMO.patientName }).click();
    await page.getByRole('heading', { level: 1, name: DEMO.patientName }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Appointments' }).waitFor();
    await page.locator('.state--loading').first().waitFor({ state: 'detached' });
    await shot(page, 'admin-patient');
    await page.getByRole('button', { name: 'Block the account' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Block ${DEMO.patientName}?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Block the account' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText(`${DEMO.patientName} is blocked`).waitFor();
    await expect(page.locator('.details').getByText('Blocked', { exact: true }).count()).resolves.toBe(1);

    // His browser's next request finds the session gone.
    await patient.page.getByRole('link', { name: 'My appointments' }).first().click();
    // Sent to sign in, with the page he was going to remembered for afterwards.
    await patient.page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/appointments');
    await patient.page.getByText('Your session has ended').waitFor();
    await patient.page.getByLabel('Email address').fill(DEMO.patient);
    await patient.page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await patient.page.getByRole('button', { name: 'Sign in' }).click();
    await patient.page.getByRole('alert').getByText('This account is disabled').waitFor();
    expect(new URL(patient.page.url()).pathname).toBe('/sign-in');

    // Restored, he can sign in again.
    await page.getByRole('button', { name: 'Restore the account' }).click();
    const restore = page.getByRole('alertdialog', { name: `Restore ${DEMO.patientName}'s account?` });
    await restore.getByRole('button', { name: 'Restore the account' }).click();
    await restore.waitFor({ state: 'detached' });
    await page.getByText('account is restored').waitFor();
    await signIn(patient.page, base, DEMO.patient, DEMO.password);
    expect(new URL(patient.page.url()).pathname).not.toBe('/sign-in');

    // The audit trail: intact, and the block is in it (filters in the URL).
    await nav(page, 'Audit trail');
    await page.getByText(/The audit trail is intact: \d+ records checked\./).waitFor();
    await page.getByLabel('Action').fill('user_blacklist');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'user_blacklist');
    await page.getByRole('heading', { level: 2, name: '1 record' }).waitFor();
    await shot(page, 'admin-audit');

    await nav(page, 'Background jobs');
    await page.getByRole('heading', { level: 2, name: 'Failed jobs' }).waitFor();
    await shot(page, 'admin-jobs');

    expect(admin.errors).toEqual([]);
    expect(patient.errors).toEqual([]);
  }, 240_000);

  test("sign-in help: the admin sends the patient a reset link from his page, and it reaches his inbox; his password is unchanged", async () => {
    const { base, inbox } = system();
    const page = admin.page;
    const sentAfter = new Date().toISOString();
    await nav(page, 'Patients');
    await page.getByLabel('Name, email, phone or id').fill(DEMO.patient);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: DEMO.patientName }).click();
    await page.getByRole('heading', { level: 2, name: 'Sign-in help' }).waitFor();
    await page.getByText('Two-step sign-in is off for this account.').waitFor();
    expect(await page.getByRole('button', { name: 'Remove two-step sign-in' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send a password reset link' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Send ${DEMO.patientName} a password reset link?` });
    await confirm.getByText(DEMO.patient).waitFor();
    await confirm.getByRole('button', { name: 'Send the link' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText(`A link to choose a new password is on its way to ${DEMO.patient}`).waitFor();

    const mail = await mailTo(inbox, DEMO.patient, '/reset-password?token=', sentAfter);
    expect(mail.text).toContain('an administrator of the hospital sent you this link');
    expect(mail.text).toContain(`${base}/reset-password?token=`);
    // Until he uses it, nothing changed: his password still signs in.
    await signOut(patient.page);
    await signIn(patient.page, base, DEMO.patient, DEMO.password);
    expect(new URL(patient.page.url()).pathname).not.toBe('/sign-in');
    expect(admin.errors).toEqual([]);
  }, 120_000);
});
