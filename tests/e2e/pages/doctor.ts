/** The doctor portal's pages for the accessibility sweep (tests/e2e/accessibility.test.ts), as the demo doctor. */
import type { Page } from 'playwright-core';
import type { A11yPage } from '../../support/e2e';

async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Waits until no spinner is left (the page's own loading states). */
async function loaded(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.state--loading').length === 0);
}

/** The first appointment of a status in the list, opened. */
async function openFirst(page: Page, base: string, status: 'booked' | 'completed') {
  await page.goto(`${base}/doctor/appointments?status=${status}`);
  await heading(page, 'Appointments');
  await page.getByRole('table').getByRole('link').first().click();
  await heading(page, /^Appointment with /);
  await loaded(page);
}

export const doctorPages: A11yPage[] = [
  {
    name: 'today',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor`);
      await heading(page, 'Today');
      await page.getByRole('heading', { level: 2, name: "Today's appointments" }).waitFor();
    },
  },
  {
    name: 'appointments',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/appointments`);
      await heading(page, 'Appointments');
      await page.getByRole('table').waitFor();
    },
  },
  {
    name: 'appointments, filtered to nothing',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/appointments?status=cancelled&from=2020-01-01&to=2020-01-02`);
      await heading(page, 'Appointments');
      await page.getByText('No appointments match these filters').waitFor();
    },
  },
  {
    name: 'appointments, the From calendar open',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/appointments`);
      await heading(page, 'Appointments');
      await page.getByRole('table').waitFor();
      await page.getByRole('button', { name: 'Choose From date from a calendar' }).click();
      await page.getByRole('grid').waitFor();
    },
  },
  {
    name: 'appointments, a To date before the From date',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/appointments?from=2026-01-10&to=2026-01-01`);
      await heading(page, 'Appointments');
      await page.locator('#filter-to-error').waitFor();
    },
  },
  {
    name: 'a booked appointment (the complete-visit form)',
    visit: async (page, base) => {
      await openFirst(page, base, 'booked');
      await page.getByRole('heading', { level: 2, name: 'Complete the visit' }).waitFor();
    },
  },
  {
    name: 'a booked appointment, the form with errors',
    visit: async (page, base) => {
      await openFirst(page, base, 'booked');
      await page.getByRole('button', { name: 'Complete the visit' }).click();
      await page.locator('#complete-diagnosis-error').waitFor();
    },
  },
  {
    name: 'a booked appointment, the cancel dialog open',
    visit: async (page, base) => {
      await openFirst(page, base, 'booked');
      await page.getByRole('button', { name: 'Cancel appointment' }).click();
      await page.getByRole('alertdialog', { name: 'Cancel this appointment?' }).waitFor();
    },
  },
  {
    name: 'a completed appointment (its treatment)',
    visit: async (page, base) => {
      await openFirst(page, base, 'completed');
      await page.getByRole('heading', { level: 2, name: 'Treatment' }).waitFor();
    },
  },
  {
    name: 'a completed appointment, editing the treatment',
    visit: async (page, base) => {
      await openFirst(page, base, 'completed');
      await page.getByRole('button', { name: 'Edit treatment' }).click();
      await page.getByLabel('Diagnosis').waitFor();
    },
  },
  {
    name: 'availability',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/availability`);
      await heading(page, 'Availability');
      await page.getByRole('form', { name: /\(today\)/ }).waitFor();
      await page.getByRole('form', { name: 'Weekly hours' }).waitFor();
      await loaded(page);
    },
  },
  {
    name: 'availability, a window with errors',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/availability`);
      await heading(page, 'Availability');
      const day = page.getByRole('form', { name: /\(today\)/ });
      await day.getByRole('button', { name: /^Add hours/ }).click();
      // A window without an end: refused in the browser, nothing is sent.
      await day.getByRole('group', { name: /^Hours \d+ of/ }).last().getByLabel('To').fill('');
      await day.getByRole('button', { name: /^Save/ }).click();
      await day.locator('.field__error').first().waitFor();
    },
  },
  {
    name: 'patients',
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/patients`);
      await heading(page, 'Patients');
      await page.getByRole('table').waitFor();
    },
  },
  {
    name: "a patient's history",
    visit: async (page, base) => {
      await page.goto(`${base}/doctor/patients`);
      await heading(page, 'Patients');
      await page.getByRole('table').getByRole('link').first().click();
      await heading(page, /history$/);
      await loaded(page);
    },
  },
];
