/**
 * The patient portal end to end, as a patient uses it (tests/support/e2e.ts: the system as `npm start` runs
 * it on the demo hospital, Debian's Chromium). A new patient registers, finds the demo doctor by search,
 * books a time at least a day ahead (so the 2-hour change cut-off does not apply), sees the confirmation and
 * the calendar file, moves the visit to another time (same appointment), cancels it through the
 * confirmation dialog and finds it marked cancelled. A signed-out deep link comes back after sign-in.
 * Screenshots go to /tmp/wardline-shots/patient-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, DEMO, openBrowser, shot, signIn, signOut, useSystem, type Browser } from '../support/e2e';

const RUN_ID = Math.random().toString(36).slice(2, 10);
/** Not UTC, and half an hour off it: the hospital's days and times must be shown in its zone, named. */
const ZONE = 'Asia/Kolkata';
const patient = { name: 'Rosa Lindqvist', email: `rosa.lindqvist.${RUN_ID}@example.com`, password: 'amber lighthouse morning 58' };

/** A day tab after today that has free times (the first tab is today), other than `notDay`; clicks it. */
async function openLaterDay(page: Page, notDay?: string): Promise<string> {
  const tabs = page.getByRole('tab');
  await tabs.first().waitFor();
  const count = await tabs.count();
  for (let i = 1; i < count; i++) {
    const tab = tabs.nth(i);
    const text = (await tab.textContent()) ?? '';
    if (text.includes('none free') || (notDay && text.startsWith(notDay))) continue;
    await tab.click();
    await page.getByRole('tabpanel').getByRole('button').first().waitFor();
    return text.replace(/\d+ free$/, '').trim();
  }
  throw new Error('no day after today with free times');
}

describe('the patient portal in a browser', () => {
  const system = useSystem({ env: { HOSPITAL_TIMEZONE: ZONE } });
  let browser: Browser;
  let page: Page;
  let base = '';
  let appointmentUrl = '';
  let bookedDay = '';

  beforeAll(async () => {
    base = system().base;
    browser = await openBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('a new patient registers and lands on their home page', async () => {
    await page.goto(`${base}/register`);
    await page.getByLabel('Full name').fill(patient.name);
    await page.getByLabel('Email address').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${patient.name}` }).waitFor();
    await page.getByText('No upcoming visits').waitFor();
    await page.getByRole('link', { name: 'Cardiology' }).waitFor();
    await shot(page, 'patient-home');
  });

  test('finds the demo doctor by searching from the home page', async () => {
    await page.getByLabel('Name or specialization').fill('Okafor');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/doctors' && url.searchParams.get('q') === 'Okafor');
    const card = page.getByRole('link', { name: DEMO.doctorName });
    await card.waitFor();
    expect(await page.getByLabel('Name or specialization').inputValue()).toBe('Okafor');
    await shot(page, 'patient-find-a-doctor');
    await card.click();
    await page.getByRole('heading', { level: 1, name: DEMO.doctorName }).waitFor();
  });

  test('books a time at least a day ahead and sees the confirmation with the calendar file', async () => {
    await page.getByText(`Times are the hospital's local time (${ZONE})`).waitFor();
    bookedDay = await openLaterDay(page);
    const slot = page.getByRole('tabpanel').getByRole('button').first();
    const time = (await slot.textContent())?.trim() ?? '';
    await slot.click();
    expect(await slot.getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'patient-doctor-profile-with-slots');
    await page.getByRole('button', { name: 'Continue to book' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your appointment' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(time);
    await dialog.getByLabel('Reason for the visit').fill('Chest tightness when climbing stairs');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();

    await page.waitForURL((url) => /^\/appointments\/[^/]+$/.test(url.pathname) && url.searchParams.get('booked') === '1');
    appointmentUrl = page.url().split('?')[0]!;
    await page.getByText('Your appointment is booked').waitFor();
    expect(await page.getByText(`${time} GMT+5:30`).first().isVisible()).toBe(true);
    const ics = page.getByRole('link', { name: 'Add to calendar' });
    expect(await ics.getAttribute('download')).toBeTruthy();
    const href = (await ics.getAttribute('href')) ?? '';
    expect(href).toBe(`/api/patient/appointments/${appointmentUrl.split('/').pop()}/calendar.ics`);
    const file = await page.request.get(`${base}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('text/calendar');
    expect(await file.text()).toContain('BEGIN:VEVENT');
    await shot(page, 'patient-booking-confirmation');
  });

  test('moves the visit to another time: the same appointment, a new time', async () => {
    await page.goto(appointmentUrl);
    await page.getByText('You can move or cancel this appointment online until 2 hours before it starts').waitFor();
    await page.getByRole('button', { name: 'Reschedule' }).click();
    const newDay = await openLaterDay(page, bookedDay);
    const slot = page.getByRole('tabpanel').getByRole('button').last();
    const time = (await slot.textContent())?.trim() ?? '';
    await slot.click();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Move your appointment?' });
    await dialog.getByRole('button', { name: 'Move appointment' }).click();
    await page.getByText('Your appointment has been moved to').waitFor();
    expect(page.url()).toBe(appointmentUrl);
    const details = (await page.locator('.details').first().textContent()) ?? '';
    expect(details).toContain(`${time} GMT+5:30`);
    expect(details).toContain(newDay.split(' ').slice(1).join(' ')); // "27 Nov"
  });

  test('cancels it through the confirmation dialog and finds it marked cancelled', async () => {
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Cancel this appointment?' });
    await dialog.getByLabel('Reason').fill('Feeling better');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByText('Your appointment is cancelled').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);

    // Upcoming holds only booked visits: the cancelled one is under Cancelled, marked so.
    await page.getByRole('navigation').getByRole('link', { name: 'My appointments' }).click();
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    const upcoming = page.getByRole('tabpanel');
    await upcoming.locator('.appointment-line, .state--empty').first().waitFor();
    expect(await upcoming.locator('.appointment-line .badge').filter({ hasText: 'Cancelled' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Cancelled' }).click();
    await page.waitForURL(/when=cancelled/);
    const line = page.getByRole('tabpanel').locator('.appointment-line').filter({ hasText: DEMO.doctorName });
    await line.first().waitFor();
    expect(await line.first().locator('.badge').textContent()).toBe('Cancelled');
    await shot(page, 'patient-my-appointments');
  });

  test('someone else takes the chosen time before the booking: the page says so and offers the free times again', async () => {
    await page.goto(`${base}/doctors?q=Okafor`);
    await page.getByRole('link', { name: DEMO.doctorName }).click();
    await page.getByRole('heading', { level: 1, name: DEMO.doctorName }).waitFor();
    const doctorId = page.url().split('/').pop()!;
    const day = await openLaterDay(page);
    const slot = page.getByRole('tabpanel').getByRole('button').first();
    const time = (await slot.textContent())?.trim() ?? '';
    await slot.click();
    await page.getByRole('button', { name: 'Continue to book' }).click();
    await page.getByRole('dialog', { name: 'Confirm your appointment' }).waitFor();

    // Meanwhile the demo patient books that very time (found by its day and time in the hospital's zone).
    const oscar = await apiSession(base, DEMO.patient, DEMO.password);
    const free = await oscar<{ items: Array<{ start: string }> }>('GET', `/doctors/${doctorId}/slots`);
    const inZone = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, ...options }).format(new Date(iso)).replace(',', '');
    const taken = free.body.items.find(
      (s) => inZone(s.start, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) === time && day.startsWith(inZone(s.start, { weekday: 'short', day: 'numeric', month: 'short' })),
    );
    expect(taken, `the slot ${day} ${time} among the free ones`).toBeDefined();
    expect((await oscar('POST', '/patient/appointments', { doctorId, start: taken!.start })).status).toBe(201);

    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByText('Someone has just taken this slot').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: new RegExp(`^${day}`) }).click();
    await page.getByRole('tabpanel').getByRole('button').first().waitFor();
    expect(await page.getByRole('tabpanel').getByRole('button', { name: time, exact: true }).count()).toBe(0);
    expect(page.url()).toContain(`/doctors/${doctorId}`);
  });

  test('the profile shows a bad field on the field, then saves the corrected change', async () => {
    await page.goto(`${base}/profile`);
    await page.getByLabel('Phone number').fill('call me');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#phone-error').waitFor();
    expect(await page.getByLabel('Phone number').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Phone number').fill('+44 20 7946 0000');
    await page.getByLabel('Blood group').selectOption('O+');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved. Your profile is up to date.').waitFor();
    await page.reload();
    expect(await page.getByLabel('Phone number').inputValue()).toBe('+44 20 7946 0000');
    expect(await page.getByLabel('Email address').inputValue()).toBe(patient.email);
  });

  test('a signed-out deep link to /appointments goes to sign-in and comes back after signing in', async () => {
    await page.goto(`${base}/profile`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await signOut(page);
    // Signing out on purpose forgets the page: the next person at this computer starts afresh.
    expect(new URL(page.url()).searchParams.get('next')).toBeNull();
    await page.goto(`${base}/appointments`);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/appointments');
    await signIn(page, base, patient.email, patient.password);
    await page.waitForURL((url) => url.pathname === '/appointments');
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
  });

  test('with the keyboard alone: days by arrow keys, a time by Space, the confirm dialog keeps focus and gives it back', async () => {
    const activeText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const focusInDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
    await page.goto(`${base}/doctors`);
    await page.getByRole('link', { name: DEMO.doctorName }).first().click();
    await page.getByRole('heading', { level: 1, name: DEMO.doctorName }).waitFor();
    const tabs = page.getByRole('tab');
    // Wait for the free times themselves: the day list is drawn again when they arrive, which would take the focus.
    await page.getByRole('tabpanel').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.state--loading').length === 0);
    // The arrow keys move between days (Ark UI's tabs); Enter is not needed: the day follows the focus.
    // Into the day list by the keyboard itself (Shift+Tab out, Tab back in: real focus events, which the
    // tabs' state machine listens to; an element.focus() in a window without focus fires none).
    await page.bringToFront();
    await tabs.first().focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    const firstDay = await activeText();
    await page.keyboard.press('ArrowRight');
    await expect.poll(activeText).not.toBe(firstDay);
    let day = 1;
    while ((await activeText()).includes('none free')) {
      await page.keyboard.press('ArrowRight');
      if (++day > 7) throw new Error('no day with free times');
    }
    await page.getByRole('tabpanel').getByRole('button').first().waitFor();
    // Tab leaves the day list for that day's times; Space chooses one.
    await page.keyboard.press('Tab');
    const chosen = await activeText();
    expect(chosen).toMatch(/^\d\d:\d\d$/);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('true');
    const continueButton = page.getByRole('button', { name: 'Continue to book' });
    await continueButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Confirm your appointment' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(chosen);
    await expect.poll(focusInDialog).toBe(true);
    // Focus is trapped: however often Tab is pressed, it stays in the dialog.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(), `after ${i + 1} Tab presses`).toBe(true);
    }
    // Escape closes it, nothing is booked, and the keyboard is back on the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Continue to book');
  });

  test('no page reported an error of its own', () => {
    expect(browser.errors).toEqual([]);
  });
});
