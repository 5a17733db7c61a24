import type { RunRecord, SampleFacets, SampleFilter, SamplePage } from '../../index.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { FILTER_KEYS } from '../read-filter.ts';
import { modelLabel, outcomeBadge } from './layout.ts';

type FilterKey = (typeof FILTER_KEYS)[number];

/** The filter form, the page of samples (tick two to compare) and the pager. */
export function sampleList(
  run: RunRecord,
  facets: SampleFacets,
  filter: SampleFilter,
  page: SamplePage,
  limit?: number,
): SafeHtml {
  const base = `/runs/${encodeURIComponent(run.id)}/samples`;
  const current = { ...Object.fromEntries(FILTER_KEYS.map((k) => [k, filter[k]])), limit };
  const options: Record<Exclude<FilterKey, 'tag'>, readonly string[]> = {
    model: facets.models,
    scenario: facets.scenarios,
    condition_id: facets.condition_ids,
    goal_type: facets.goal_types,
    goal_value: facets.goal_values,
    urgency: facets.urgencies,
    mitigation: facets.mitigations,
    status: ['completed', 'error', 'pending'],
    outcome: ['harmful', 'not_harmful', 'error', 'pending'],
  };
  const labels: Record<FilterKey, string> = {
    model: 'model',
    scenario: 'scenario',
    condition_id: 'condition',
    goal_type: 'goal type',
    goal_value: 'goal value',
    urgency: 'urgency',
    mitigation: 'mitigation',
    status: 'status',
    outcome: 'verdict',
    tag: 'reasoning tag',
  };
  const selects = FILTER_KEYS.map((key) =>
    key === 'tag' ? tagInput(filter.tag) : select(key, labels[key], options[key], filter[key]),
  );
  const rows = page.items.map(
    (s) => html`<tr data-sample="${s.id}">
<td><input type="checkbox" name="id" value="${s.id}" aria-label="compare ${s.id}"></td>
<td><a href="/samples/${encodeURIComponent(s.id)}">${s.id.slice(0, 12)}</a></td>
<td>${modelLabel(s.model)}</td><td>${s.condition_id}</td><td class="num">${s.epoch}</td>
<td>${s.status}</td><td>${outcomeBadge(s.outcome)}</td><td>${s.harms.join(', ')}</td></tr>`,
  );
  const pager = html`<div class="pager">
<span class="count">${page.items.length} shown of ${page.total.toLocaleString('en')} matching</span>
${page.previous === null ? '' : html`<a rel="prev" href="${base}${queryString({ ...current, before: page.previous })}">← previous</a>`}
${page.next === null ? '' : html`<a rel="next" href="${base}${queryString({ ...current, after: page.next })}">next →</a>`}
</div>`;
  return html`<h2 id="samples">Samples</h2>
<form class="filters" method="get" action="${base}">${selects}${limit === undefined ? '' : html`<input type="hidden" name="limit" value="${limit}">`}<button type="submit">Filter</button> <a href="${base}">clear</a></form>
${pager}
<form method="get" action="/compare">
<table class="samples"><thead><tr><th></th><th>sample</th><th>model</th><th>condition</th><th class="num">epoch</th><th>status</th><th>verdict</th><th>harms</th></tr></thead>
<tbody>${rows}</tbody></table>
<p><button type="submit">Compare the two ticked samples</button></p>
</form>
${pager}`;
}

function select(
  name: string,
  label: string,
  values: readonly string[],
  chosen: string | undefined,
): SafeHtml {
  const options = values.map(
    (v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${v}</option>`,
  );
  return html`<label>${label}<select name="${name}"${values.length === 0 ? html` disabled` : ''}><option value="">any</option>${options}</select></label>`;
}

// A text field rather than a menu: listing a run's tags reads every verdict (GET /api/runs/<id>/facets does).
function tagInput(chosen: string | undefined): SafeHtml {
  return html`<label title="reasoning tags come from the reasoning classifiers; runs graded without them have none">reasoning tag<input name="tag" size="16" placeholder="e.g. eval-awareness" value="${chosen ?? ''}"></label>`;
}
