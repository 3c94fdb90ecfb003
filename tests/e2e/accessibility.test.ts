/**
 * axe-core on every page of every role (and the signed-out pages), in light and dark, at desktop (1280×900)
 * and phone (375×812) width, against the system as `npm start` runs it on the demo hospital. Each page is
 * visited once and checked in all four ways (the colour scheme and the width change live, so a dialog a
 * page opened stays open). Any serious or critical violation fails; all of them are listed together, and
 * the per-page results are written to /tmp/wardline-shots/axe-report.json for the closing note.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, expectAccessible, openBrowser, SHOTS, signIn, signOut, useSystem, type A11yPage, type Browser } from '../support/e2e';
import { accountPages, signedOutAccountPages } from './pages/account';
import { adminPages } from './pages/admin';
import { doctorPages } from './pages/doctor';
import { patientPages } from './pages/patient';

const MODES = [
  { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { name: 'light phone', colorScheme: 'light', viewport: { width: 375, height: 812 } },
  { name: 'dark phone', colorScheme: 'dark', viewport: { width: 375, height: 812 } },
] as const;

const signedOutPages: A11yPage[] = [
  { name: 'sign in', visit: async (page, base) => { await page.goto(`${base}/sign-in`); await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(); } },
  {
    name: 'sign in with an error',
    visit: async (page, base) => {
      await page.goto(`${base}/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#email-error').waitFor();
    },
  },
  { name: 'register', visit: async (page, base) => { await page.goto(`${base}/register`); await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor(); } },
  ...signedOutAccountPages,
  { name: 'page not found', visit: async (page, base) => { await page.goto(`${base}/no-such-page`); await page.getByRole('heading', { level: 1 }).waitFor(); } },
];

interface PageResult {
  role: string;
  page: string;
  modes: Record<string, { serious: number; minor: string[] } | { error: string }>;
}

describe('accessibility of every page (axe-core: no serious or critical violations)', () => {
  const system = useSystem();
  let browser: Browser;
  const results: PageResult[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    writeFileSync(join(SHOTS, 'axe-report.json'), JSON.stringify(results, null, 2));
  });

  /** Every page in every mode; answers the failures (all of them, not only the first). */
  async function sweep(role: string, pages: A11yPage[], page: Page): Promise<string[]> {
    const failures: string[] = [];
    for (const entry of pages) {
      const result: PageResult = { role, page: entry.name, modes: {} };
      results.push(result);
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await page.setViewportSize(MODES[0].viewport);
      try {
        await entry.visit(page, system().base);
      } catch (err) {
        failures.push(`${role} / ${entry.name}: could not be visited: ${(err as Error).message.split('\n')[0]}`);
        result.modes.visit = { error: (err as Error).message.split('\n')[0] ?? '' };
        continue;
      }
      for (const mode of MODES) {
        // Reduced motion: no colour transitions half-way through when axe reads the contrast.
        await page.emulateMedia({ colorScheme: mode.colorScheme, reducedMotion: 'reduce' });
        await page.setViewportSize(mode.viewport);
        // Let a layout change (the phone menu, a chart resizing) settle before axe reads colours and sizes.
        await page.waitForTimeout(150);
        try {
          const { minor } = await expectAccessible(page, `${role} / ${entry.name} (${mode.name})`);
          result.modes[mode.name] = { serious: 0, minor };
        } catch (err) {
          failures.push((err as Error).message);
          result.modes[mode.name] = { error: (err as Error).message };
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(MODES[0].viewport);
    return failures;
  }

  test('the check itself fails on a serious violation (an image without a text alternative, grey on grey)', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="en"><title>t</title><main><h1>t</h1><img src="data:,"><p style="color:#aaa;background:#bbb">faint</p></main></html>');
    await expect(expectAccessible(page, 'a broken page')).rejects.toThrow(/critical image-alt[\s\S]*serious color-contrast|serious color-contrast[\s\S]*critical image-alt/);
    await page.close();
  });

  test('signed out: sign in, register, forgot and reset password, not found', async () => {
    expect(await sweep('signed out', signedOutPages, browser.page)).toEqual([]);
  }, 120_000);

  test("patient pages (the demo patient, who has history and a booking this week)", async () => {
    expect(patientPages.length).toBeGreaterThan(0);
    await signIn(browser.page, system().base, DEMO.patient, DEMO.password);
    const failures = await sweep('patient', [...patientPages, ...accountPages], browser.page);
    await browser.page.goto(`${system().base}/`);
    await signOut(browser.page);
    expect(failures).toEqual([]);
  }, 300_000);

  test('doctor pages (the demo doctor)', async () => {
    expect(doctorPages.length).toBeGreaterThan(0);
    await signIn(browser.page, system().base, DEMO.doctor, DEMO.password);
    const failures = await sweep('doctor', [...doctorPages, ...accountPages], browser.page);
    await browser.page.goto(`${system().base}/`);
    await signOut(browser.page);
    expect(failures).toEqual([]);
  }, 300_000);

  test('administrator pages', async () => {
    expect(adminPages.length).toBeGreaterThan(0);
    await signIn(browser.page, system().base, system().admin.email, system().admin.password);
    expect(await sweep('admin', [...adminPages, ...accountPages], browser.page)).toEqual([]);
  }, 300_000);

  test('no page reported an error of its own', () => {
    expect(browser.errors).toEqual([]);
  });
});
