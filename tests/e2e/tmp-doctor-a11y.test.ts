import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, expectAccessible, openBrowser, signIn, useSystem, type Browser } from '../support/e2e';
import { doctorPages } from './pages/doctor';

const MODES = [
  { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { name: 'light phone', colorScheme: 'light', viewport: { width: 375, height: 812 } },
  { name: 'dark phone', colorScheme: 'dark', viewport: { width: 375, height: 812 } },
] as const;

describe('doctor a11y (reduced motion)', () => {
  const system = useSystem();
  let browser: Browser;
  beforeAll(async () => { browser = await openBrowser(); }, 60_000);
  afterAll(async () => { await browser?.close(); });
  test('sweep', async () => {
    const page = browser.page;
    await signIn(page, system().base, DEMO.doctor, DEMO.password);
    const failures: string[] = [];
    const minors: string[] = [];
    for (const entry of doctorPages) {
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await page.setViewportSize(MODES[0].viewport);
      await entry.visit(page, system().base);
      for (const mode of MODES) {
        await page.emulateMedia({ colorScheme: mode.colorScheme, reducedMotion: 'reduce' });
        await page.setViewportSize(mode.viewport);
        await page.waitForTimeout(200);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        if (overflow) failures.push(`${entry.name} (${mode.name}): horizontal scroll`);
        try {
          const { minor } = await expectAccessible(page, `${entry.name} (${mode.name})`);
          if (minor.length) minors.push(`${entry.name} (${mode.name}): ${minor.join(', ')}`);
        } catch (err) { failures.push((err as Error).message); }
      }
    }
    console.log('MINOR', JSON.stringify(minors, null, 1));
    expect(failures).toEqual([]);
    expect(browser.errors).toEqual([]);
  }, 400_000);
});
