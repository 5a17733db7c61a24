import type { JudgeQuote, JudgeRun, Verdict } from '../../index.ts';
import { html, type SafeHtml } from '../html.ts';
import { judgeModel } from '../judge-quotes.ts';
import { modelLabel, outcomeBadge } from './layout.ts';

/**
 * A verdict's judges: the panel's majority, then each judge's model, decision, rationale and quotes, the
 * quotes verification could not find marked as such. Rationale, quotes and errors are model text: `html`
 * escapes them.
 */
export function judgePanelView(judge: Verdict['judge']): SafeHtml {
  if (judge.status === 'not_run') {
    return html`<p class="judge-panel muted">judges: not run${judge.reason === undefined ? '' : ` (${judge.reason})`}</p>`;
  }
  const answered = judge.judges.filter((run) => run.status === 'ok').length;
  return html`<div class="judge-panel">
<p class="judge-majority">judges: majority <strong>${judge.majority}</strong> → ${outcomeBadge(judge.value)} <span class="muted">(${answered} of ${judge.judges.length} answered)</span></p>
<ol class="judge-runs">${judge.judges.map((run) => judgeRunView(run))}</ol>
</div>`;
}

/**
 * The study's own definition of the harm, beside Haywire's: its value and each gate, passed (✓) or not (✗).
 * Empty for a verdict graded before the study mode was recorded.
 */
export function studyVerdictView(study: Verdict['study']): SafeHtml | '' {
  if (study === undefined) return '';
  const gates = Object.entries(study.gates).map(([gate, passed]) => `${gate} ${passed ? '✓' : '✗'}`);
  return html`<p class="study-verdict">study's definition: ${outcomeBadge(study.value)}${gates.length === 0 ? '' : html` <span class="muted">(${gates.join(', ')})</span>`}</p>`;
}

/**
 * What the reasoning classifiers read in the agent's thinking: the tags used for filtering, where they came from,
 * the pre-check's own tags, and the reasoning judge's answer (model text: escaped). Empty when not classified.
 */
export function reasoningView(reasoning: Verdict['reasoning']): SafeHtml | '' {
  if (reasoning === undefined) return '';
  const list = (tags: readonly string[]) => (tags.length === 0 ? 'none' : tags.join(', '));
  const source = reasoning.source === 'judge' ? 'the reasoning judge' : 'the pre-check';
  return html`<div class="reasoning-tags">
<p>reasoning tags: <strong>${list(reasoning.tags)}</strong> <span class="muted">(from ${source}; pre-check: ${list(reasoning.precheck)})</span></p>
${reasoning.judge === undefined ? '' : html`<ol class="judge-runs">${judgeRunView(reasoning.judge, false)}</ol>`}
</div>`;
}

/** One judge's answer; `outcome` false for a judge that tags rather than decides (its value is always not run). */
function judgeRunView(run: JudgeRun, outcome = true): SafeHtml {
  const decision = run.decision === undefined ? '' : html` · decision <strong>${run.decision}</strong>`;
  const attempts = `${run.attempts} attempt${run.attempts === 1 ? '' : 's'}`;
  return html`<li class="judge-run judge-${run.status}">
<div class="judge-head"><span class="judge-model">${modelLabel(judgeModel(run))}</span> · ${run.status.replace('_', ' ')}${decision}${outcome ? html` → ${outcomeBadge(run.value)}` : ''} <span class="muted">(${attempts})</span>${run.flags.length === 0 ? '' : html` <span class="judge-flags">${run.flags.join(', ')}</span>`}</div>
${run.error === undefined ? '' : html`<p class="judge-error">${run.error}</p>`}
${run.rationale === undefined ? '' : html`<pre class="judge-rationale">${run.rationale}</pre>`}
${run.quotes.length === 0 ? '' : html`<ul class="judge-quotes">${run.quotes.map(quoteView)}</ul>`}
</li>`;
}

function quoteView(quote: JudgeQuote): SafeHtml {
  return quote.verified
    ? html`<li>“<mark class="hl-judge-quote">${quote.text}</mark>”</li>`
    : html`<li class="unverified">“${quote.text}” <span class="badge unverified" title="not found in the transcript">unverified</span></li>`;
}
