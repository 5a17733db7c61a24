import type { RunSummary } from '../../index.ts';
import { formatRunCost } from '../../report/format-run-cost.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from './layout.ts';

/** Every run in the store, newest first. */
export function runsPage(runs: readonly RunSummary[], storePath: string): SafeHtml {
  const rows = runs.map(
    (r) => html`<tr>
<td><a href="/runs/${encodeURIComponent(r.id)}">${r.id}</a></td><td>${r.name}</td><td>${r.created_at}</td>
<td class="num">${r.samples}</td><td class="num">${r.completed}</td><td class="num">${r.errors}</td><td class="num">${r.pending}</td>
<td class="num">${formatRunCost(r)}</td>
</tr>`,
  );
  return layout(
    'Runs',
    html`<h1>Runs</h1><p class="muted">store ${storePath}</p>
${
  runs.length === 0
    ? html`<p>No runs yet: try <code>haywire run</code>.</p>`
    : html`<table class="runs">
<thead><tr><th>run</th><th>name</th><th>created</th><th class="num">samples</th><th class="num">completed</th><th class="num">errors</th><th class="num">pending</th><th class="num">cost</th></tr></thead>
<tbody>${rows}</tbody></table>`
}`,
  );
}
