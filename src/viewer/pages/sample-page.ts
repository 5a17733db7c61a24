import type { SampleDetail } from '../../index.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from './layout.ts';
import { transcriptView } from './transcript.ts';

/** One sample's transcript page, with a form to compare it with another. */
export function samplePage(sample: SampleDetail, outcome: string): SafeHtml {
  return layout(
    `Sample ${sample.id}`,
    html`<h1>Sample ${sample.id.slice(0, 12)}</h1>
<form method="get" action="/compare" class="filters"><input type="hidden" name="a" value="${sample.id}">
<label>compare with sample id<input name="b" size="30" required></label><button type="submit">Compare</button>
<a href="/api/samples/${encodeURIComponent(sample.id)}">JSON</a></form>
${transcriptView(sample, outcome)}`,
  );
}

/** Two samples side by side. */
export function comparePage(
  a: { sample: SampleDetail; outcome: string },
  b: { sample: SampleDetail; outcome: string },
): SafeHtml {
  return layout(
    'Compare samples',
    html`<h1>Compare samples</h1>
<div class="compare">
<section class="side-a"><h2>A · ${a.sample.condition_id}</h2>${transcriptView(a.sample, a.outcome, true)}</section>
<section class="side-b"><h2>B · ${b.sample.condition_id}</h2>${transcriptView(b.sample, b.outcome, true)}</section>
</div>`,
  );
}
