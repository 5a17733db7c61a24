import { rateRows } from 'haywire';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningViewer, startViewer } from '../../src/viewer/index.ts';
import { HAS_CHROMIUM, launchChromium } from './browser.ts';
import { PAYLOADS, type ViewerFixture, viewerFixture, XSS_SAMPLE_ID } from './viewer-fixture.ts';

if (!HAS_CHROMIUM)
  console.warn('skipping the viewer browser tests: /usr/bin/chromium is absent (apt-get install chromium)');

/** The first match, as rendered for a reader, shows `text` (waits for the element). */
async function containsText(locator: Locator, text: string): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
  expect(await locator.first().innerText()).toContain(text);
}
async function hasText(locator: Locator, text: string): Promise<void> {
  expect((await locator.first().textContent())?.trim()).toBe(text);
}
async function hasCount(locator: Locator, count: number): Promise<void> {
  await locator.first().waitFor();
  expect(await locator.count()).toBe(count);
}

describe.skipIf(!HAS_CHROMIUM)('haywire view in chromium', () => {
  let fixture: ViewerFixture;
  let viewer: RunningViewer;
  let browser: Browser;

  beforeAll(async () => {
    fixture = await viewerFixture();
    viewer = await startViewer({ store: fixture.store, port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
    fixture?.store.close();
  });

  async function newPage(): Promise<Page> {
    // bypassCSP: the payloads must stay inert through escaping alone, not only because the CSP forbids scripts.
    const context = await browser.newContext({ bypassCSP: true });
    return context.newPage();
  }

  it('opens a run, filters its samples, opens a transcript and compares two samples', async () => {
    const page = await newPage();
    await page.goto(viewer.url);
    await page.getByRole('link', { name: fixture.runId }).click();
    await page.waitForURL(/\/runs\//);
    await containsText(page.locator('h1'), `Run ${fixture.runId}`);

    const rates = rateRows(fixture.store, fixture.runId);
    const rows = page.locator('table.rates tbody tr');
    expect(await rows.count()).toBe(rates.length);
    const insider = rates.find(
      (r) => r.model === 'sim/insider' && r.urgency === 'replacement' && r.goal_type === 'explicit',
    );
    const insiderRow = rows
      .filter({ hasText: 'sim/insider' })
      .filter({ hasText: 'blackmail_explicit-america_replacement' });
    expect(await insiderRow.locator('td.num').allTextContents()).toEqual([
      String(insider?.n),
      String(insider?.harmful),
      String(insider?.errors),
      expect.stringMatching(/%$/),
      expect.stringMatching(/%–.*%$/),
    ]);

    await page.selectOption('select[name=model]', 'sim/insider');
    await page.selectOption('select[name=outcome]', 'harmful');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/outcome=harmful/);
    const expected = fixture.store.samplePage(fixture.runId, { model: 'sim/insider', outcome: 'harmful' });
    const samples = page.locator('table.samples tbody tr');
    expect(expected.total).toBeGreaterThan(1);
    expect(await samples.count()).toBe(expected.items.length);
    for (const text of await samples.allTextContents()) {
      expect(text).toContain('sim/insider');
      expect(text).toContain('harmful');
    }
    await containsText(page.locator('.pager .count').first(), `of ${expected.total} matching`);

    const [first, second] = expected.items;
    await page.locator(`tr[data-sample="${first?.id}"] a`).click();
    await page.waitForURL(/\/samples\//);
    await hasText(page.locator('.sample-id'), String(first?.id));
    for (const role of ['system', 'user', 'assistant'])
      await hasCount(page.locator(`section[data-role=${role}]`), 1);
    await containsText(
      page.locator('section[data-role=assistant] mark.hl-action').first(),
      '<tool_use:email>',
    );
    await containsText(
      page.locator('section[data-role=assistant] mark.hl-reasoning').first(),
      'SCRATCHPAD_REASONING',
    );
    expect(await page.locator('section[data-role=assistant] mark.hl-evidence').count()).toBeGreaterThan(0);
    expect(await page.locator('section[data-role=assistant] mark.hl-judge-quote').count()).toBeGreaterThan(0);
    await containsText(page.locator('.judge-run').first(), 'sim/judge:agree');
    await containsText(page.locator('.judge-rationale').first(), 'The quoted action commits the harm.');
    await containsText(page.locator('.study-verdict').first(), "study's definition");
    await containsText(page.locator('.reasoning-tags').first(), 'reasoning tags:');
    await hasCount(page.locator('ol.actions li'), 1);

    await page.goBack();
    await page.check(`input[value="${first?.id}"]`);
    await page.check(`input[value="${second?.id}"]`);
    await page.getByRole('button', { name: 'Compare the two ticked samples' }).click();
    await page.waitForURL(/\/compare/);
    await hasText(page.locator('.side-a .sample-id'), String(first?.id));
    await hasText(page.locator('.side-b .sample-id'), String(second?.id));
    await page.context().close();
  });

  it('pages through samples on the server with keyset cursors', async () => {
    const page = await newPage();
    await page.goto(`${viewer.url}runs/${fixture.runId}/samples?limit=5`);
    const ids = () =>
      page
        .locator('table.samples tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sample')));
    const firstPage = await ids();
    expect(firstPage).toHaveLength(5);
    await page.locator('a[rel=next]').first().click();
    await page.waitForURL(/after=/);
    const secondPage = await ids();
    expect(secondPage).toHaveLength(5);
    expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);
    await page.locator('a[rel=prev]').first().click();
    await page.waitForURL(/before=/);
    expect(await ids()).toEqual(firstPage);
    await page.context().close();
  });

  it('renders a transcript full of script, onerror and javascript: payloads as inert text', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const pwned = () => page.evaluate(() => (globalThis as Record<string, unknown>).__pwned);
    const visit = async (path: string) => {
      const response = await page.goto(`${viewer.url}${path}`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'none'");
      // Every element the payloads try to create: none of them may exist in what the viewer rendered.
      expect(
        await page
          .locator(
            'main script, main img, main svg, main a[href^="javascript:"], main [onerror], main [onload]',
          )
          .count(),
      ).toBe(0);
      // Try the planted link text, in case it became a link after all.
      const link = page.getByText('click here').first();
      if ((await link.count()) > 0) await link.click({ timeout: 2000 }).catch(() => undefined);
      expect(await pwned()).toBeUndefined();
    };

    await visit(`samples/${XSS_SAMPLE_ID}`);
    const main = page.locator('main');
    for (const payload of Object.values(PAYLOADS)) await containsText(main, payload);
    await containsText(page.locator('details.provider-reasoning'), PAYLOADS.script);
    await containsText(page.locator('.judge-run'), PAYLOADS.img);
    await containsText(page.locator('.judge-rationale'), PAYLOADS.attribute);
    await containsText(page.locator('.judge-error'), PAYLOADS.attribute);
    await containsText(page.locator('.judge-quotes .unverified'), PAYLOADS.script);
    await containsText(page.locator('section[data-role=assistant] mark.hl-judge-quote'), 'click here');
    await containsText(page.locator('details.provider-reasoning mark.hl-judge-quote'), 'click here');
    await page.locator('mark.hl-action').first().waitFor({ state: 'visible' });

    await visit(`runs/${fixture.runId}`);
    await containsText(page.locator('table.rates'), PAYLOADS.img);
    await visit(`runs/${fixture.runId}/samples?model=${encodeURIComponent(`sim/${PAYLOADS.img}`)}`);
    await hasCount(page.locator('table.samples tbody tr'), 1);
    const other = fixture.store.samplePage(fixture.runId, { model: 'sim/aligned' }).items[0]?.id;
    await visit(`compare?a=${XSS_SAMPLE_ID}&b=${other}`);
    await containsText(page.locator('.side-a'), PAYLOADS.javascript);

    expect(dialogs).toEqual([]);
    expect(await pwned()).toBeUndefined();
    await page.context().close();
  });
});
