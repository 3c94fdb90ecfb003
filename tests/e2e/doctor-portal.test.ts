/**
 * The doctor's day end to end: the demo doctor signs in, gives herself hours from now on today through the
 * availability editor, tries to take away hours that hold a booked appointment on another day and is told
 * which appointment stands in the way; the demo patient books today's earliest slot with her; she opens it
 * from Today, completes the visit, and the patient finds the diagnosis in their history.
 *
 * The hospital's zone is chosen when the file loads so that its local time is between 08:00 and 16:00
 * (a visit can be completed only from 30 minutes before it starts, so the booked slot must start soon),
 * preferring a moment outside Dr Okafor's weekday hours (09:00–12:30, 13:30–17:00), where no seeded
 * booking can be in the way of the first slot (when there is none, the doctor cancels the one in the way).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, DEMO, expectAccessible, openBrowser, shot, signIn, useSystem, type Browser } from '../support/e2e';

const CANDIDATE_ZONES = [
  'Pacific/Kiritimati', 'Pacific/Tongatapu', 'Pacific/Auckland', 'Pacific/Chatham', 'Pacific/Noumea', 'Australia/Sydney', 'Australia/Adelaide', 'Australia/Brisbane',
  'Australia/Darwin', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Bangkok', 'Asia/Yangon', 'Asia/Dhaka', 'Asia/Kathmandu', 'Asia/Kolkata', 'Asia/Karachi', 'Asia/Kabul',
  'Asia/Dubai', 'Asia/Tehran', 'Europe/Moscow', 'Africa/Cairo', 'Europe/Berlin', 'Europe/London', 'Atlantic/Azores', 'Atlantic/South_Georgia', 'America/Sao_Paulo',
  'America/St_Johns', 'America/Halifax', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Marquesas',
  'Pacific/Honolulu', 'Pacific/Pago_Pago',
];

/** The zone's calendar date, weekday (1 Monday … 7 Sunday) and minutes since midnight at `at`. */
function localClock(zone: string, at = new Date()) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * A zone where it is now between 08:00 and 16:00; best a weekend day or 08:00–08:15 / 12:30–12:45 on a
 * weekday (outside the demo doctor's hours, with time left for the build and the start-up).
 */
function chooseZone(): string {
  const open = CANDIDATE_ZONES.filter((zone) => {
    const { minutes } = localClock(zone);
    return minutes >= 8 * 60 && minutes < 16 * 60;
  });
  const quiet = open.find((zone) => {
    const { minutes, weekday } = localClock(zone);
    return weekday >= 6 || (minutes >= 8 * 60 && minutes <= 8 * 60 + 20) || (minutes >= 12 * 60 + 30 && minutes <= 12 * 60 + 50);
  });
  const zone = quiet ?? open[0];
  if (!zone) throw new Error('no candidate zone has a local time between 08:00 and 16:00 now');
  return zone;
}

const ZONE = chooseZone();
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

interface Appointment {
  id: string;
  patientName: string;
  start: string;
  end: string;
  status: string;
}
type Window = { start: string; end: string };

describe(`the doctor portal (hospital zone ${ZONE})`, () => {
  const system = useSystem({ env: { BOOKING_MIN_NOTICE_MINUTES: '0', HOSPITAL_TIMEZONE: ZONE } });
  let browser: Browser;
  let page: Page;
  let base = '';
  let doctorApi: Awaited<ReturnType<typeof apiSession>>;
  let patientApi: Awaited<ReturnType<typeof apiSession>>;
  let booked: Appointment | undefined;
  const diagnosis = `Stable angina, reviewed ${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    base = system().base;
    browser = await openBrowser();
    page = browser.page;
    doctorApi = await apiSession(base, DEMO.doctor, DEMO.password);
    patientApi = await apiSession(base, DEMO.patient, DEMO.password);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('the doctor signs in and lands on Today, with the zone named', async () => {
    await signIn(page, base, DEMO.doctor, DEMO.password);
    await page.waitForURL((url) => url.pathname === '/doctor');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('heading', { level: 2, name: "Today's appointments" }).waitFor();
    expect(await page.locator('.page__lead').textContent()).toContain(ZONE.replace(/_/g, ' '));
    for (const name of ['Today', 'Appointments', 'Availability', 'Patients']) await page.getByRole('link', { name, exact: true }).first().waitFor();
  });

  test("she gives herself hours from now for three hours today, through the availability editor", async () => {
    const now = localClock(ZONE);
    const today = now.date;
    const { body: availability } = await doctorApi<{ days: { date: string; windows: Window[] }[] }>('GET', '/doctor/availability');
    const template = availability.days.find((d) => d.date === today)?.windows ?? [];
    const { body: list } = await doctorApi<{ items: Appointment[] }>('GET', `/doctor/appointments?status=booked&from=${today}&to=${today}&pageSize=200`);
    const local = (iso: string) => localClock(ZONE, new Date(iso)).minutes;

    // The first new window starts on the next five minutes after a short margin. A seeded booking in the
    // way of its first slot (when no zone had a quiet moment) is cancelled by the doctor, as a doctor
    // clearing time would; otherwise the earliest free slot could start too late to be completed now.
    const start = Math.ceil((now.minutes + 3) / 5) * 5;
    const { body: weekly } = await doctorApi<{ slotMinutes: number }>('GET', '/doctor/availability/weekly');
    for (const a of list.items.filter((x) => local(x.start) < start + weekly.slotMinutes && local(x.end) > start)) {
      const cancelled = await doctorApi('POST', `/doctor/appointments/${a.id}/cancel`, { reason: 'Clinic time moved' });
      expect(cancelled.status).toBe(200);
    }
    const end = Math.min(start + 180, 24 * 60);

    // Today's windows: the template's before the new start, one from the start for three hours (longer if
    // a template window runs on), and the template's after it, so every seeded booking keeps its hours.
    const windows: Window[] = [];
    for (const w of template) if (minutesOf(w.start) < start) windows.push({ start: w.start, end: clock(Math.min(minutesOf(w.end), start)) });
    const mainEnd = Math.max(end, ...template.filter((w) => minutesOf(w.start) < end && minutesOf(w.end) > start).map((w) => minutesOf(w.end)));
    windows.push({ start: clock(start), end: clock(mainEnd) });
    for (const w of template) if (minutesOf(w.start) >= mainEnd) windows.push(w);

    await page.getByRole('link', { name: 'Availability', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Availability' }).waitFor();
    const day = page.getByRole('form', { name: /\(today\)/ });
    await day.waitFor();
    const dayOff = day.getByRole('button', { name: /^Day off/ });
    if (await dayOff.isVisible()) await dayOff.click();
    for (const [i, w] of windows.entries()) {
      await day.getByRole('button', { name: /^Add hours/ }).click();
      const group = day.getByRole('group', { name: new RegExp(`^Hours ${i + 1} of`) });
      await group.getByLabel('From').fill(w.start);
      await group.getByLabel('To').fill(w.end);
    }
    const saved = page.waitForResponse((res) => res.url().endsWith('/api/doctor/availability') && res.request().method() === 'PUT');
    await day.getByRole('button', { name: /^Save/ }).click();
    expect((await saved).status()).toBe(200);
    await day.getByText(/are saved\./).waitFor();
    await day.getByText('Set for this date').waitFor();
    await shot(page, 'doctor-availability');

    const { body: after } = await doctorApi<{ days: { date: string; windows: Window[]; source: string }[] }>('GET', '/doctor/availability');
    const todayAfter = after.days.find((d) => d.date === today);
    expect(todayAfter?.source).toBe('date');
    expect(todayAfter?.windows).toContainEqual({ start: clock(start), end: clock(mainEnd) });
  });

  test('taking away hours that hold a booked appointment on another day is refused, naming it by time and patient', async () => {
    const today = localClock(ZONE).date;
    const other = page.getByRole('form').filter({ has: page.getByRole('list', { name: /^Booked appointments on/ }) }).filter({ hasNotText: '(today)' }).first();
    await other.waitFor();
    const firstBooked = (await other.getByRole('list', { name: /^Booked appointments on/ }).getByRole('listitem').first().textContent())?.trim() ?? '';
    expect(firstBooked).toMatch(/^\d\d:\d\d \S/);
    await other.getByRole('button', { name: /^Day off/ }).click();
    const refused = page.waitForResponse((res) => res.url().endsWith('/api/doctor/availability') && res.request().method() === 'PUT');
    await other.getByRole('button', { name: /^Save/ }).click();
    expect((await refused).status()).toBe(409);
    const alert = other.getByRole('alert').filter({ hasText: 'fall' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/booked appointments? falls? outside the new hours/);
    expect(text).toContain('Cancel');
    expect(text).toContain(firstBooked);
    await shot(page, 'doctor-availability-refused');
    await other.getByRole('button', { name: 'Keep those hours' }).click();
    await other.getByRole('list', { name: /^Booked appointments on/ }).waitFor();
    expect(await other.getByRole('group', { name: /^Hours 1 of/ }).count()).toBe(1);
    expect(today).toBeTruthy();
  });

  test("the patient books today's earliest slot with Dr Okafor", async () => {
    const today = localClock(ZONE).date;
    const { body: doctors } = await patientApi<{ items: { id: string; name: string }[] }>('GET', '/doctors?q=Okafor');
    const okafor = doctors.items.find((d) => d.name.includes('Okafor'));
    expect(okafor).toBeDefined();
    const { body: slots } = await patientApi<{ items: { start: string; end: string }[] }>('GET', `/doctors/${okafor!.id}/slots?from=${today}&to=${today}`);
    const soon = slots.items.filter((s) => Date.parse(s.start) - Date.now() <= 30 * 60_000);
    expect(soon.length, `slots today: ${JSON.stringify(slots.items.slice(0, 3))}`).toBeGreaterThan(0);
    for (const slot of soon) {
      const res = await patientApi<Appointment & { error?: unknown }>('POST', '/patient/appointments', { doctorId: okafor!.id, start: slot.start, reason: 'Chest tightness on the stairs' }, { 'Idempotency-Key': `e2e-doctor-${slot.start}` });
      if (res.status === 201) {
        booked = res.body;
        break;
      }
      // The patient may hold another doctor's appointment at that time: the next slot, if it is soon enough.
      expect(res.status, JSON.stringify(res.body)).toBe(409);
    }
    expect(booked).toBeDefined();
  });

  test('the doctor opens it from Today and completes the visit', async () => {
    await page.getByRole('link', { name: 'Today', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(booked!.start));
    const item = page.getByRole('list', { name: "Today's appointments" }).getByRole('listitem').filter({ hasText: `${time}–` }).filter({ hasText: DEMO.patientName })
      // The seeded visit the doctor cancelled to clear this time may be the same patient's: the new one is booked.
      .filter({ hasText: 'Chest tightness on the stairs' });
    await item.waitFor();
    await shot(page, 'doctor-today');
    await item.getByRole('link', { name: DEMO.patientName }).click();
    await page.getByRole('heading', { level: 1, name: `Appointment with ${DEMO.patientName}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Complete the visit' }).waitFor();

    // The diagnosis is required: the form says so on its field without asking the server.
    await page.getByRole('button', { name: 'Complete the visit' }).click();
    await page.locator('#complete-diagnosis-error').waitFor();
    expect(await page.locator('#complete-diagnosis').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Diagnosis').fill(diagnosis);
    await page.getByLabel(/^Prescription/).fill('Glyceryl trinitrate spray 400 micrograms as needed');
    await page.getByLabel(/^Notes/).fill('Exercise test booked; advised to avoid heavy lifting.');
    const nextVisit = new Date(Date.now() + 14 * 86_400_000);
    await page.getByLabel(/^Next visit/).fill(localClock(ZONE, nextVisit).date);
    await shot(page, 'doctor-complete-form');
    const answer = page.waitForResponse((res) => res.url().endsWith(`/api/doctor/appointments/${booked!.id}/complete`));
    await page.getByRole('button', { name: 'Complete the visit' }).click();
    expect((await answer).status()).toBe(200);
    await page.getByText('The visit is completed').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Treatment' }).waitFor();
    await page.getByText(diagnosis).waitFor();
    await expectAccessible(page, 'a completed appointment');
    await shot(page, 'doctor-completed');
  });

  test('she corrects the treatment afterwards', async () => {
    await page.getByRole('button', { name: 'Edit treatment' }).click();
    await page.getByLabel(/^Notes/).fill('Exercise test booked for next week; avoid heavy lifting until then.');
    const answer = page.waitForResponse((res) => res.url().includes('/api/doctor/treatments/') && res.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save the treatment' }).click();
    expect((await answer).status()).toBe(200);
    await page.getByText('The treatment is corrected.').waitFor();
    await page.getByText('Exercise test booked for next week').waitFor();
  });

  test('a visit days away cannot be completed yet, and the page says from when; she cancels it instead', async () => {
    await page.getByRole('link', { name: 'Appointments', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Appointments' }).waitFor();
    await page.getByLabel('Status').selectOption('booked');
    await page.waitForURL((url) => url.searchParams.get('status') === 'booked');
    // The From date through the calendar (Ark UI DatePicker), by keyboard: open it, two days on, Enter.
    await page.getByRole('button', { name: 'Choose From date from a calendar' }).click();
    const calendar = page.getByRole('grid');
    await calendar.waitFor();
    await shot(page, 'doctor-appointments-calendar');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('from'));
    expect(new URL(page.url()).searchParams.get('from')).toBe(localClock(ZONE, new Date(Date.now() + 2 * 86_400_000)).date);
    await calendar.waitFor({ state: 'hidden' });
    // And typed: a To date before it is refused on the To field without asking the server.
    await page.getByLabel('To date', { exact: true }).fill('01/01/2020');
    await page.getByLabel('To date', { exact: true }).press('Enter');
    await page.waitForURL((url) => url.searchParams.get('to') === '2020-01-01');
    await page.locator('#filter-to-error').waitFor();
    await page.getByRole('button', { name: 'Clear To date' }).click();
    await page.waitForURL((url) => !url.searchParams.has('to'));
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const name = (await rows.nth(1).getByRole('link').textContent())?.trim() ?? '';
    await rows.nth(1).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Appointment with ${name}` }).waitFor();

    await page.getByLabel('Diagnosis').fill('Should not be saved');
    const refused = page.waitForResponse((res) => res.url().endsWith('/complete'));
    await page.getByRole('button', { name: 'Complete the visit' }).click();
    expect((await refused).status()).toBe(409);
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be completed yet' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/from 30 minutes before its start\. This one starts at \d\d:\d\d/);

    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    await expectAccessible(page, 'the cancel dialog');
    await dialog.getByLabel(/^Reason for the patient/).fill('Dr Okafor is away that day; please book another time.');
    const cancelled = page.waitForResponse((res) => res.url().endsWith('/cancel'));
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    expect((await cancelled).status()).toBe(200);
    await page.getByText('The appointment is cancelled.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByText('Cancelled', { exact: true }).count()).toBeGreaterThan(0);
  });

  test('the patient sees the diagnosis in their history', async () => {
    const { status, body } = await patientApi<{ items: { appointmentId: string; diagnosis: string }[] }>('GET', '/patient/history');
    expect(status).toBe(200);
    const entry = body.items.find((i) => i.appointmentId === booked!.id) as { diagnosis: string; nextVisit: string | null } | undefined;
    expect(entry?.diagnosis).toBe(diagnosis);
    expect(entry?.nextVisit).toBe(localClock(ZONE, new Date(Date.now() + 14 * 86_400_000)).date);

    // And in the patient's own browser (this file's first browser holds the doctor's session).
    const patientBrowser = await openBrowser();
    try {
      const patientPage = patientBrowser.page;
      await signIn(patientPage, base, DEMO.patient, DEMO.password);
      await patientPage.goto(`${base}/history`);
      const table = patientPage.getByRole('table', { name: 'Your treatments, most recent first' });
      await table.getByRole('cell', { name: diagnosis }).waitFor();
      await shot(patientPage, 'patient-history');
      // The visit's own page, where the "visit completed" email links, shows it too.
      await patientPage.goto(`${base}/appointments/${booked!.id}`);
      await patientPage.getByText(diagnosis).first().waitFor();
      expect(patientBrowser.errors).toEqual([]);
    } finally {
      await patientBrowser.close();
    }
  }, 60_000);

  test('at phone width (375 px) the pages fit without scrolling sideways', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const [path, name] of [['/doctor', 'doctor-today-phone'], ['/doctor/availability', 'doctor-availability-phone'], ['/doctor/appointments', 'doctor-appointments-phone']] as const) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.state--loading').length === 0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
      await shot(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('no page reported an error of its own', () => {
    expect(browser.errors).toEqual([]);
  });
});
