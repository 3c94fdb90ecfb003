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

/**
 * One of the demo patient's booked visits that can still be changed online (more than the 2-hour cut-off
 * ahead). The demo's own booking may fall within the cut-off, depending on the hour the sweep runs: then one
 * is booked a day or more ahead with the demo doctor first, through the API with the page's session.
 */
async function changeableAppointment(page: Page, base: string): Promise<void> {
  const api = async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const res = method === 'GET' ? await page.request.get(`${base}/api${path}`) : await page.request.post(`${base}/api${path}`, { data, headers: { origin: base } });
    if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const upcoming = await api<{ items: Array<{ id: string; start: string; status: string }> }>('GET', '/patient/appointments?when=upcoming&status=booked');
  let id = upcoming.items.find((a) => Date.parse(a.start) - Date.now() > 3 * 3_600_000)?.id;
  if (!id) {
    const doctors = await api<{ items: Array<{ id: string }> }>('GET', '/doctors?q=Okafor');
    const doctorId = doctors.items[0]!.id;
    const slots = await api<{ items: Array<{ start: string }> }>('GET', `/doctors/${doctorId}/slots`);
    const slot = slots.items.find((s) => Date.parse(s.start) - Date.now() > 24 * 3_600_000);
    if (!slot) throw new Error('the demo doctor has no free time a day or more ahead');
    id = (await api<{ id: string }>('POST', '/patient/appointments', { doctorId, start: slot.start })).id;
  }
  await page.goto(`${base}/appointments/${id}`);
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
  { name: 'my appointments (cancelled)', visit: (page, base) => go(page, base, '/appointments?when=cancelled', 'My appointments') },
  { name: 'appointment', visit: changeableAppointment },
  {
    name: 'appointment just booked (confirmation)',
    visit: async (page, base) => {
      await changeableAppointment(page, base);
      await page.goto(`${page.url()}?booked=1`);
      await page.getByText('Your appointment is booked').waitFor();
    },
  },
  {
    name: 'appointment, reschedule picker open',
    visit: async (page, base) => {
      await changeableAppointment(page, base);
      await page.getByRole('button', { name: 'Reschedule' }).click();
      await page.locator('.slot-picker .state--loading').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'appointment, cancel dialog open',
    visit: async (page, base) => {
      await changeableAppointment(page, base);
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
