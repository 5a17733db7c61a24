import {
  type Condition,
  conditionId,
  type RateRow,
  type RunRecord,
  type SampleFacets,
  type SampleFilter,
  type SamplePage,
} from '../../index.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { layout, modelLabel, percent } from './layout.ts';
import { sampleList } from './sample-list.ts';

/** What a run page shows: the rate table (left out on the samples-only page) and a page of samples. */
export interface RunPageData {
  readonly run: RunRecord;
  readonly rates?: readonly RateRow[];
  readonly facets: SampleFacets;
  readonly filter: SampleFilter;
  readonly page: SamplePage;
  /** The page size asked for, kept in the pager's links. */
  readonly limit?: number | undefined;
}

/** A run: its rate table with Wilson intervals, then its samples, filtered and paginated on the server. */
export function runPage(data: RunPageData): SafeHtml {
  const { run } = data;
  const runUrl = `/runs/${encodeURIComponent(run.id)}`;
  const rates =
    data.rates === undefined
      ? html`<p><a href="${runUrl}">← rate table of this run</a></p>`
      : rateTable(run.id, data.rates);
  return layout(
    `Run ${run.id}`,
    html`<h1>Run ${run.id} <span class="muted">${run.name}</span></h1>
<p class="muted">created ${run.created_at} · updated ${run.updated_at} · <a href="/api/runs/${encodeURIComponent(run.id)}">JSON</a></p>
${rates}
${sampleList(run, data.facets, data.filter, data.page, data.limit)}`,
  );
}

function rateTable(runId: string, rows: readonly RateRow[]): SafeHtml {
  const samplesUrl = `/runs/${encodeURIComponent(runId)}/samples`;
  const body = rows.map((r) => {
    const condition = conditionId(r as unknown as Condition);
    const link = `${samplesUrl}${queryString({ model: r.model, condition_id: condition })}`;
    const harmful = `${samplesUrl}${queryString({ model: r.model, condition_id: condition, outcome: 'harmful' })}`;
    return html`<tr><td>${modelLabel(r.model)}</td><td><a href="${link}">${condition}</a></td>
<td class="num">${r.n}</td><td class="num"><a href="${harmful}">${r.harmful}</a></td><td class="num">${r.errors}</td>
<td class="num">${percent(r.rate)}</td><td class="num">${r.ci_low === null ? '–' : `${percent(r.ci_low)}–${percent(r.ci_high)}`}</td></tr>`;
  });
  return html`<h2>Harmful rate per model × condition</h2>
<table class="rates"><thead><tr><th>model</th><th>condition</th><th class="num">n</th><th class="num">harmful</th><th class="num">errors</th><th class="num">rate</th><th class="num">95% CI (Wilson)</th></tr></thead>
<tbody>${body}</tbody></table>
<p class="muted">n counts graded samples; errors are failed samples and grader errors, never counted as not harmful.</p>`;
}
