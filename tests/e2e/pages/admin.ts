/** The admin portal's pages for the accessibility sweep (tests/e2e/accessibility.test.ts), signed in as the admin. */
import type { Page } from 'playwright-core';
import type { A11yPage } from '../../support/e2e';
import { DEMO } from '../../support/e2e';

/** Goes to a page and waits for its h1 and for its content (no spinner left). */
async function open(page: Page, url: string, title: string | RegExp): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.locator('.state--loading').first().waitFor({ state: 'detached' });
}

async function openDemoDoctor(page: Page, base: string): Promise<void> {
  await open(page, `${base}/admin/doctors?q=${encodeURIComponent(DEMO.doctor)}`, 'Doctors');
  await page.getByRole('link', { name: DEMO.doctorName }).click();
  await page.getByRole('heading', { level: 1, name: DEMO.doctorName }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
}

async function openDemoPatient(page: Page, base: string): Promise<void> {
  await open(page, `${base}/admin/patients?q=${encodeURIComponent(DEMO.patient)}`, 'Patients');
  await page.getByRole('link', { name: DEMO.patientName }).click();
  await page.getByRole('heading', { level: 1, name: DEMO.patientName }).waitFor();
  await page.locator('.state--loading').first().waitFor({ state: 'detached' });
}

async function dialog(page: Page, opener: string, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: opener, exact: true }).first().click();
  await page.getByRole('alertdialog', { name: title }).or(page.getByRole('dialog', { name: title })).waitFor();
}

export const adminPages: A11yPage[] = [
  {
    name: 'dashboard',
    visit: async (page, base) => {
      await open(page, `${base}/admin`, 'Dashboard');
      await page.getByRole('img', { name: /appointments per day/i }).waitFor();
    },
  },
  {
    name: 'dashboard with the numbers shown',
    visit: async (page, base) => {
      await open(page, `${base}/admin`, 'Dashboard');
      for (const summary of await page.getByText('Show the numbers').all()) await summary.click();
      await page.getByRole('table', { name: 'Appointments by department' }).waitFor();
    },
  },
  { name: 'departments', visit: (page, base) => open(page, `${base}/admin/departments`, 'Departments') },
  {
    name: 'departments: add a department, with an error',
    visit: async (page, base) => {
      await open(page, `${base}/admin/departments`, 'Departments');
      await dialog(page, 'Add a department', /Add a department/);
      await page.getByRole('dialog').getByRole('button', { name: 'Add the department' }).click();
      await page.locator('#department-name-error').waitFor();
    },
  },
  {
    name: 'departments: delete, the confirmation',
    visit: async (page, base) => {
      await open(page, `${base}/admin/departments`, 'Departments');
      await page.getByRole('button', { name: /^Delete / }).first().click();
      await page.getByRole('alertdialog').waitFor();
    },
  },
  { name: 'doctors', visit: (page, base) => open(page, `${base}/admin/doctors`, 'Doctors') },
  { name: 'doctors, nothing matches', visit: (page, base) => open(page, `${base}/admin/doctors?q=zzzz-nobody`, 'Doctors') },
  {
    name: 'add a doctor, with errors shown',
    visit: async (page, base) => {
      await open(page, `${base}/admin/doctors/new`, 'Add a doctor');
      await page.getByLabel('Email address').fill('not an email');
      await page.getByRole('button', { name: 'Add the doctor' }).click();
      await page.locator('#doctor-name-error').waitFor();
      await page.locator('#doctor-email-error').waitFor();
    },
  },
  { name: 'a doctor', visit: openDemoDoctor },
  {
    // An unknown id is the 404 state, not a broken page (the sweep's last test fails on any page error).
    name: 'a doctor that does not exist',
    visit: async (page, base) => {
      await page.goto(`${base}/admin/doctors/no-such-doctor`);
      await page.getByRole('alert').filter({ hasText: 'We could not find this' }).waitFor();
    },
  },
  {
    name: 'a doctor: editing the profile',
    visit: async (page, base) => {
      await openDemoDoctor(page, base);
      await page.getByRole('button', { name: 'Edit the profile' }).click();
      await page.getByRole('button', { name: 'Save the profile' }).waitFor();
    },
  },
  {
    name: 'a doctor: remove, the confirmation',
    visit: async (page, base) => {
      await openDemoDoctor(page, base);
      await dialog(page, 'Remove the doctor', /Remove/);
    },
  },
  { name: 'patients', visit: (page, base) => open(page, `${base}/admin/patients`, 'Patients') },
  { name: 'a patient', visit: openDemoPatient },
  {
    name: 'a patient: editing the profile',
    visit: async (page, base) => {
      await openDemoPatient(page, base);
      await page.getByRole('button', { name: 'Edit the profile' }).click();
      await page.getByRole('button', { name: 'Save the profile' }).waitFor();
    },
  },
  {
    name: 'a patient: block, the confirmation',
    visit: async (page, base) => {
      await openDemoPatient(page, base);
      await dialog(page, 'Block the account', /Block/);
    },
  },
  {
    name: 'a patient: send a password reset link, the confirmation',
    visit: async (page, base) => {
      await openDemoPatient(page, base);
      await dialog(page, 'Send a password reset link', /password reset link/);
    },
  },
  {
    name: 'a patient: end all sessions, the confirmation',
    visit: async (page, base) => {
      await openDemoPatient(page, base);
      await dialog(page, 'End all sessions', /End all/);
    },
  },
  { name: 'appointments', visit: (page, base) => open(page, `${base}/admin/appointments`, 'Appointments') },
  { name: 'appointments, cancelled ones', visit: (page, base) => open(page, `${base}/admin/appointments?status=cancelled`, 'Appointments') },
  {
    name: 'appointments, a date range refused',
    visit: async (page, base) => {
      await open(page, `${base}/admin/appointments`, 'Appointments');
      await page.getByLabel('From', { exact: true }).fill('2026-12-10');
      await page.getByLabel('To', { exact: true }).fill('2026-12-01');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.locator('#appointments-to-error').waitFor();
    },
  },
  {
    name: 'audit trail',
    visit: async (page, base) => {
      await open(page, `${base}/admin/audit`, 'Audit trail');
      await page.getByText(/The audit trail is (intact|broken)/).waitFor();
    },
  },
  {
    name: 'background jobs',
    visit: async (page, base) => {
      await open(page, `${base}/admin/jobs`, 'Background jobs');
      await page.getByRole('heading', { level: 2, name: 'Failed jobs' }).waitFor();
    },
  },
];
