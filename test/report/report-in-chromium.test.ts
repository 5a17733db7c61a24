import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/index.ts';
import { reportFixture } from '../../src/report/html/fixtures.ts';
import { HAS_CHROMIUM, launchChromium } from '../browser/browser.ts';

if (!HAS_CHROMIUM) console.warn('skipping the report browser test: /usr/bin/chromium is absent');

describe.skipIf(!HAS_CHROMIUM)('the report in chromium', () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const { store, runId, dir } = reportFixture();
    file = join(dir, 'report.html');
    writeFileSync(file, buildReport({ store, runId }));
    store.close();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('makes no request, runs none of the hostile payloads, and prints to PDF', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    // Open every folded message, and click every link, as a curious reader would.
    // Strings, not functions: the test compiles without the DOM library.
    await page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true");
    for (const link of await page.locator('a').all()) await link.click();
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('mark.evidence').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.chart').count()).toBe(1);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
