/**
 * The patient portal's pages for the accessibility sweep (tests/e2e/accessibility.test.ts), visited as the
 * demo patient (history, and a booking this week). Each visit waits for the page's content, not its spinner;
 * some leave a dialog open (the booking's confirm step, the cancel confirmation) for the sweep to check.
 */
import type { Page } from 'playwright-core';
import type { A11yPage } from '../../support/e2e';

async function go(page: Page, base: string, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('.state--loading').first().waitFor({ state: 'detached' });
}

/** The demo doctor's profile with the week's free times on show. */
async function doctorWithSlots(page: Page, base: string): Promise<void> {
  await go(page, base, '/doctors?q=Okafor', 'Find a doctor');
  await page.getByRole('link', { name: 'Helen Okafor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Helen Okafor' }).waitFor();
  await page.getByRole('tablist').waitFor();
}

/** The demo patient's next booked visit (the home page lists it). */
async function upcomingAppointment(page: Page, base: string): Promise<void> {
  await go(page, base, '/appointments', 'My appointments');
  await page.locator('.appointment-line a').first().click();
  await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
}

export const patientPages: A11yPage[] = [
  { name: 'home', visit: (page, base) => go(page, base, '/', /^Welcome/) },
  { name: 'find a doctor', visit: (page, base) => go(page, base, '/doctors', 'Find a doctor') },
  { name: 'find a doctor, no match', visit: (page, base) => go(page, base, '/doctors?q=zzzz-nobody', 'Find a doctor') },
  { name: 'doctor profile with slots', visit: doctorWithSlots },
  {
    name: 'booking confirm step open',
    visit: async (page, base) => {
      await doctorWithSlots(page, base);
      // The open day's first free time (the other days' panels are hidden).
      await page.getByRole('tabpanel').getByRole('button').first().click();
      await page.getByRole('button', { name: 'Continue to book' }).click();
      await page.getByRole('dialog', { name: 'Confirm your appointment' }).waitFor();
    },
  },
  { name: 'my appointments (upcoming)', visit: (page, base) => go(page, base, '/appointments', 'My appointments') },
  { name: 'my appointments (past)', visit: (page, base) => go(page, base, '/appointments?when=past', 'My appointments') },
  { name: 'appointment', visit: upcomingAppointment },
  {
    name: 'appointment, reschedule picker open',
    visit: async (page, base) => {
      await upcomingAppointment(page, base);
      await page.getByRole('button', { name: 'Reschedule' }).click();
      await page.locator('.slot-picker .state--loading').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'appointment, cancel dialog open',
    visit: async (page, base) => {
      await upcomingAppointment(page, base);
      await page.getByRole('button', { name: 'Cancel appointment' }).click();
      await page.getByRole('alertdialog', { name: 'Cancel this appointment?' }).waitFor();
    },
  },
  {
    name: 'appointment with a treatment',
    visit: async (page, base) => {
      await go(page, base, '/history', 'Treatment history');
      await page.locator('tbody th a').first().click();
      await page.getByRole('heading', { level: 2, name: 'Treatment' }).waitFor();
    },
  },
  {
    name: 'appointment not found',
    visit: async (page, base) => {
      await page.goto(`${base}/appointments/no-such-appointment`);
      await page.getByText('We could not find this').waitFor();
    },
  },
  { name: 'history', visit: (page, base) => go(page, base, '/history', 'Treatment history') },
  { name: 'who looked at my record', visit: (page, base) => go(page, base, '/access-log', 'Who looked at my record') },
  { name: 'exports', visit: (page, base) => go(page, base, '/patient/exports', 'Export my record') },
  { name: 'profile', visit: (page, base) => go(page, base, '/profile', 'My profile') },
];
