/**
 * Writes the viewer's screenshots in docs/screenshots/ (run page, transcript page, side by side) from a fresh
 * sim run. Not a test: run `node test/browser/take-screenshots.ts` after changing how the viewer looks.
 */
import { fileURLToPath } from 'node:url';
import { startViewer } from '../../src/viewer/index.ts';
import { launchChromium } from './browser.ts';
import { viewerFixture } from './viewer-fixture.ts';

const out = (name: string) => fileURLToPath(new URL(`../../docs/screenshots/${name}`, import.meta.url));
const fixture = await viewerFixture(5, { hostile: false });
const viewer = await startViewer({ store: fixture.store, port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${viewer.url}runs/${fixture.runId}`);
  await page.screenshot({ path: out('viewer-run.png'), fullPage: false });
  const harmful = fixture.store.samplePage(fixture.runId, { model: 'sim/insider', outcome: 'harmful' }).items;
  const aligned = fixture.store.samplePage(fixture.runId, { model: 'sim/aligned' }).items;
  await page.goto(`${viewer.url}samples/${harmful[0]?.id}`);
  await page.screenshot({ path: out('viewer-transcript.png'), fullPage: false });
  await page.locator('section[data-role=assistant]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: out('viewer-transcript-highlights.png'), fullPage: false });
  await page.goto(`${viewer.url}runs/${fixture.runId}/samples?model=sim%2Finsider&outcome=harmful`);
  await page.screenshot({ path: out('viewer-samples-filtered.png'), fullPage: false });
  await page.goto(`${viewer.url}compare?a=${harmful[0]?.id}&b=${aligned[0]?.id}`);
  await page.screenshot({ path: out('viewer-compare.png'), fullPage: false });
  console.log('wrote docs/screenshots/viewer-*.png');
} finally {
  await browser.close();
  await viewer.close();
  fixture.store.close();
}
