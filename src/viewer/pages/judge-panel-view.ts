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
<ol class="judge-runs">${judge.judges.map(judgeRunView)}</ol>
</div>`;
}

function judgeRunView(run: JudgeRun): SafeHtml {
  const decision = run.decision === undefined ? '' : html` · decision <strong>${run.decision}</strong>`;
  const attempts = `${run.attempts} attempt${run.attempts === 1 ? '' : 's'}`;
  return html`<li class="judge-run judge-${run.status}">
<div class="judge-head"><span class="judge-model">${modelLabel(judgeModel(run))}</span> · ${run.status.replace('_', ' ')}${decision} → ${outcomeBadge(run.value)} <span class="muted">(${attempts})</span>${run.flags.length === 0 ? '' : html` <span class="judge-flags">${run.flags.join(', ')}</span>`}</div>
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
