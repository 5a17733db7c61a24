// Renders a report HTML file with Debian's Chromium (playwright-core, never a downloaded browser) and
// saves a PNG of its top and, optionally, a PDF print. Not a test.
//   node bench/report-screenshot.ts report.html docs/screenshots/report.png [report.pdf]
import { resolve } from 'node:path';
import { launchChromium } from '../test/browser/browser.ts';

const [input, png, pdf] = process.argv.slice(2);
if (input === undefined || png === undefined) {
  console.error('usage: node bench/report-screenshot.ts <report.html> <out.png> [out.pdf]');
  process.exit(2);
}
const browser = await launchChromium(process.env.CHROMIUM);
try {
  const page = await browser.newPage({ viewport: { width: 1180, height: 1600 }, deviceScaleFactor: 1 });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.goto(`file://${resolve(input)}`);
  await page.screenshot({ path: png, fullPage: false });
  if (pdf !== undefined) await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  console.log(`${png}${pdf === undefined ? '' : `, ${pdf}`}; network requests: ${requests.length}`);
} finally {
  await browser.close();
}
