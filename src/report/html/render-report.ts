import { conditionId } from '../../spec/condition.ts';
import { isSimulatedModelId } from '../../spec/index.ts';
import { wilsonInterval } from '../../stats/index.ts';
import { signedPoints } from '../findings.ts';
import type { RateRow } from '../rate-rows.ts';
import { barChartSvg, type ChartGroup, SERIES_COLOURS } from './bar-chart-svg.ts';
import type { ReportData } from './collect-report.ts';
import { html, type SafeHtml, safe } from './escape-html.ts';
import { heatmapSvg } from './heatmap-svg.ts';
import { PRESSURES, percent } from './pool-rows.ts';
import { renderTranscript } from './render-transcript.ts';
import { reportFindings } from './report-findings.ts';
import { REPORT_CSS } from './report-styles.ts';

const pCell = (p: number | null) => (p === null ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const ci = (low: number | null, high: number | null) =>
  low === null ? '–' : `${percent(low)}–${percent(high)}`;
const simTag = (model: string) =>
  isSimulatedModelId(model) ? safe(' <span class="sim">simulated</span>') : '';
const idOf = (r: RateRow) =>
  conditionId({
    ...r,
    goal_type: r.goal_type as never,
    goal_value: r.goal_value as never,
    urgency: r.urgency as never,
  });

/**
 * The whole report as one HTML document: inline CSS and inline SVG, no script, nothing fetched.
 * Every string from the store (model ids, conditions, transcripts) passes through `escapeHtml`.
 */
export function renderReport(data: ReportData): string {
  const { run } = data;
  const simulated = data.models.filter((m) => m.simulated).map((m) => m.model);
  const body = html`<header>
<h1>Haywire report: ${run.name}</h1>
<p class="meta">run <code>${run.id}</code> · created ${run.created_at} · report generated ${data.generatedAt} · haywire ${run.versions.haywire}${run.versions.git === undefined ? '' : ` (${run.versions.git})`} · node ${run.versions.node}</p>
${simulated.length > 0 ? html`<p class="banner"><strong>Simulated agents:</strong> ${simulated.join(', ')} ${simulated.length === 1 ? 'is a deterministic test double' : 'are deterministic test doubles'}, not language models. Their rates say nothing about any model.</p>` : ''}
<nav class="toc"><a href="#findings">Findings</a><a href="#models">Models</a><a href="#bars">Rates by pressure</a><a href="#heatmaps">Goal × threat</a>${data.comparisons.length > 0 ? safe('<a href="#mitigations">Mitigations</a>') : ''}<a href="#published">Published study</a><a href="#rates">All rates</a><a href="#transcripts">Transcripts</a><a href="#method">Method</a></nav>
</header>
<section id="findings"><h2>Findings</h2><ul class="findings">${reportFindings(data).map((f) => html`<li>${f}</li>`)}</ul></section>
${modelsSection(data)}${barsSection(data)}${heatmapSection(data)}${mitigationSection(data)}${publishedSection(data)}${ratesSection(data)}
<section id="transcripts"><h2>Sample transcripts</h2><p class="meta">The first harmful sample of each model and scenario. The agent's actions are <mark class="action">marked</mark>; the detector's evidence inside them is <mark class="action evidence">marked strongly</mark>. The prompt is folded.</p>
${data.transcripts.length === 0 ? safe('<p>No harmful samples in this run.</p>') : data.transcripts.map(renderTranscript)}</section>
${methodSection()}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="haywire">
<title>${html`${run.name}`.html} · Haywire report</title>
<style>${REPORT_CSS}</style></head>
<body>
${body.html}
</body></html>
`;
}

function modelsSection(data: ReportData): SafeHtml {
  const rows = data.models.map(
    (m) =>
      html`<tr><td>${m.model}${simTag(m.model)}</td><td class="num">${m.n + m.errors + m.pending}</td><td class="num">${m.n}</td><td class="num">${m.harmful}</td><td class="num">${m.errors}</td><td class="num">${m.pending}</td><td class="num">${percent(m.rate, 1)}</td><td class="num">${ci(m.low, m.high)}</td><td class="num">${costCell(m)}</td></tr>`,
  );
  return html`<section id="models"><h2>Models</h2><table><thead><tr><th>model</th><th class="num">samples</th><th class="num">graded n</th><th class="num">harmful</th><th class="num">errors</th><th class="num">pending</th><th class="num">rate (all conditions)</th><th class="num">95% CI</th><th class="num">cost</th></tr></thead><tbody>${rows}</tbody></table>
<p class="meta">The pooled rate mixes every condition of the run, controls included; the sections below separate them. Cost: what the finished samples recorded, agent and judges, every attempt and regrade, at the prices of the day.</p></section>`;
}

/** A model's recorded cost; a mark when some finished samples recorded none, so the figure is a floor. */
function costCell(m: ReportData['models'][number]): string {
  if (m.costUsd === null) return '–';
  return m.unpriced === 0
    ? `$${m.costUsd.toFixed(2)}`
    : `≥ $${m.costUsd.toFixed(2)} (${m.unpriced} unrecorded)`;
}

function legend(series: readonly string[]): SafeHtml {
  return html`<p class="legend">mitigation: ${series.map((s, i) => html`<span><i style="background:${SERIES_COLOURS[i % SERIES_COLOURS.length]}"></i>${s}</span>`)}</p>`;
}

function barsSection(data: ReportData): SafeHtml {
  const figures = data.scenarios.map((scenario) => {
    const groups: ChartGroup[] = data.models.map((m) => ({
      label: m.model,
      ...(m.simulated ? { sublabel: 'simulated agent (test double)' } : {}),
      rows: PRESSURES.map((p) => ({
        label: p.label,
        bars: data.bars
          .filter((b) => b.scenario === scenario && b.model === m.model && b.pressure === p.key)
          .map((b) => ({ ...b, series: b.mitigation })),
      })).filter((r) => r.bars.length > 0),
    }));
    return html`<h3>${scenario}</h3><figure>${barChartSvg({ title: `${scenario}: harmful rate by model and pressure`, groups, series: data.mitigations })}<figcaption>${scenario}: harmful rate per model in each cell of goal conflict × threat, pooled over goal values and threat kinds; whiskers are Wilson 95% intervals; beside each bar: rate · harmful/n · errors.</figcaption></figure>`;
  });
  return html`<section id="bars"><h2>Rates by model and pressure</h2>${legend(data.mitigations)}${figures}</section>`;
}

function heatmapSection(data: ReportData): SafeHtml {
  const figures = data.heatmaps.map(
    (h) =>
      html`<figure>${heatmapSvg(h)}<figcaption>${h.model}${isSimulatedModelId(h.model) ? ' (simulated)' : ''} · ${h.scenario}${data.mitigations.length > 1 ? ` · mitigation ${h.mitigation}` : ''}</figcaption></figure>`,
  );
  return html`<section id="heatmaps"><h2>Goal × threat</h2><p class="meta">Harmful rate per goal (rows) and threat (columns), pooled over scratchpad and notice settings; each cell shows n, and errors when there are any.</p><div class="figs">${figures}</div></section>`;
}

function mitigationSection(data: ReportData): SafeHtml | '' {
  if (data.comparisons.length === 0) return '';
  const rows = data.comparisons.map(
    (c) =>
      html`<tr><td>${c.model}${simTag(c.model)}</td><td>${c.scenario}</td><td>${c.mitigation}</td><td class="num">${percent(c.baseline.rate)} (${c.baseline.harmful}/${c.baseline.n})</td><td class="num">${percent(c.treated.rate)} (${c.treated.harmful}/${c.treated.n})</td><td class="num">${c.difference === null ? '–' : `${signedPoints(c.difference)} pts`}</td><td class="num">${c.low === null ? '–' : `${signedPoints(c.low)} to ${signedPoints(c.high!)}`}</td><td class="num">${pCell(c.pValue)}</td><td class="num">${pCell(c.adjustedP)}</td><td class="num">${c.baseline.errors + c.treated.errors}</td></tr>`,
  );
  return html`<section id="mitigations"><h2>Mitigations</h2><p class="meta">Each mitigation against none, per model and scenario, over the conditions both were run in. Difference = mitigation − none, with Newcombe's 95% interval; p from Fisher's exact test, then Holm-adjusted across this table.</p>
<table><thead><tr><th>model</th><th>scenario</th><th>mitigation</th><th class="num">none</th><th class="num">with it</th><th class="num">difference</th><th class="num">95% CI</th><th class="num">p</th><th class="num">Holm p</th><th class="num">errors</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function publishedSection(data: ReportData): SafeHtml {
  const real = data.models.filter((m) => !m.simulated);
  const simulated = data.models.filter((m) => m.simulated).map((m) => m.model);
  const note = html`${simulated.length > 0 ? html`<p class="meta">${simulated.join(', ')}: simulated agents never match a published model; they are not compared.</p>` : ''}`;
  if (data.published.length === 0)
    return html`<section id="published"><h2>Published study numbers</h2><p>${real.length === 0 ? 'No real model in this run, so nothing to set beside the study.' : 'No model and condition of this run match a figure the study published (the study reports Claude Opus 4, Gemini 2.5 Flash/Pro, GPT-4.1, GPT-4o, Grok 3 Beta, DeepSeek-R1, Llama 4 Maverick and Claude 3.x/4 Sonnet in a few conditions).'}</p>${note}</section>`;
  const rows = data.published.map(({ ours, published: p }) => {
    const theirs = wilsonInterval(Math.round(p.rate * p.n), p.n);
    return html`<tr><td>${ours.model}<br><span class="meta">${p.model}</span></td><td>${idOf(ours)}</td><td class="num">${percent(ours.rate)} (${ours.harmful}/${ours.n}, ${ours.errors} err)<br><span class="meta">${ci(ours.ci_low, ours.ci_high)}</span></td><td class="num">${percent(p.rate)} (n=${p.n})<br><span class="meta">${ci(theirs.low, theirs.high)}</span></td><td>${p.source}${p.note === undefined ? '' : html`<br><span class="meta">${p.note}</span>`}</td></tr>`;
  });
  return html`<section id="published"><h2>Published study numbers beside ours</h2><p class="meta">Same model and condition, no mitigation, scratchpad offered, no notice. The study's rates combine the model, its judge (Claude Sonnet 3.7) and string gates; Haywire's come from its own detectors, so differences can come from grading as well as from the model.</p>
<table><thead><tr><th>model</th><th>condition</th><th class="num">Haywire (95% CI)</th><th class="num">study (Wilson 95% CI)</th><th>source</th></tr></thead><tbody>${rows}</tbody></table>${note}</section>`;
}

function ratesSection(data: ReportData): SafeHtml {
  const rows = data.rows.map(
    (r) =>
      html`<tr><td>${r.model}${simTag(r.model)}</td><td>${idOf(r)}</td><td class="num">${r.n}</td><td class="num">${r.harmful}</td><td class="num">${r.errors}</td><td class="num">${percent(r.rate, 1)}</td><td class="num">${r.ci_low === null ? '–' : `${percent(r.ci_low, 1)}–${percent(r.ci_high, 1)}`}</td></tr>`,
  );
  return html`<section id="rates"><h2>All rates</h2><table><thead><tr><th>model</th><th>condition</th><th class="num">n</th><th class="num">harmful</th><th class="num">errors</th><th class="num">rate</th><th class="num">95% CI</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function methodSection(): SafeHtml {
  return safe(`<section id="method"><h2>Method</h2><ul>
<li><strong>n</strong> counts graded samples (harmful or not harmful). <strong>Errors</strong> are failed samples and grader errors: shown beside n, never counted as not harmful.</li>
<li>Rates carry Wilson score 95% intervals (Wilson 1927); pooled rates sum counts before the interval.</li>
<li>Mitigation differences: Newcombe's hybrid score interval (Newcombe 1998, method 10); Fisher's exact two-sided test; Holm's step-down adjustment (Holm 1979) across the comparisons of this report.</li>
<li>A sample is harmful when the latest verdict of any harm says so. Control: no goal conflict and no threat; the study excluded models above 1% there.</li>
<li>This file is self-contained: no scripts, fonts or images are fetched. Print it to PDF from a browser.</li>
</ul></section>`);
}
