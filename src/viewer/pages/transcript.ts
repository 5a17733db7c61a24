import type { Action, Message, SampleDetail, Verdict } from '../../index.ts';
import { highlight } from '../highlight.ts';
import { html, type SafeHtml } from '../html.ts';
import { judgeQuoteSpans } from '../judge-quotes.ts';
import { latestVerdicts } from '../latest-verdicts.ts';
import { messageSpans } from '../message-spans.ts';
import { judgePanelView, reasoningView, studyVerdictView } from './judge-panel-view.ts';
import { modelLabel, outcomeBadge } from './layout.ts';

/**
 * One sample: its facts, verdicts with evidence and judge, actions, then every message with highlights.
 * `compact` (side by side) folds the system and user messages, which two samples of a condition share.
 */
export function transcriptView(sample: SampleDetail, outcome: string, compact = false): SafeHtml {
  const verdicts = latestVerdicts(sample.verdicts);
  const trajectory = sample.trajectory;
  const messages = trajectory?.messages ?? [];
  return html`<div class="transcript" data-sample="${sample.id}">
<div class="kv">
<span>sample</span><span class="sample-id">${sample.id}</span>
<span>run</span><span><a href="/runs/${encodeURIComponent(sample.run_id)}">${sample.run_id}</a></span>
<span>model</span><span>${modelLabel(sample.model)}</span>
<span>condition</span><span>${sample.condition_id}</span>
<span>epoch · seed</span><span>${sample.epoch} · ${sample.seed}</span>
<span>status</span><span>${sample.status} (${sample.attempts} attempt${sample.attempts === 1 ? '' : 's'})</span>
<span>verdict</span><span>${outcomeBadge(outcome)}</span>
${trajectory === null ? '' : html`<span>mode · turns</span><span>${trajectory.mode} · ${trajectory.turns}</span>`}
${sample.cost_usd === null ? '' : html`<span>cost</span><span>$${sample.cost_usd.toFixed(4)} (agent and judges, every attempt)</span>`}
</div>
${sample.error === null ? '' : html`<p class="error-box">${sample.error.kind}: ${sample.error.message}</p>`}
<h2>Verdicts</h2>
${verdicts.length === 0 ? html`<p class="muted">No verdict recorded.</p>` : verdicts.map((v) => verdictView(v))}
${sample.verdicts.length > verdicts.length ? html`<p class="muted">${sample.verdicts.length - verdicts.length} earlier verdict version(s) kept in the store.</p>` : ''}
<h2>Actions</h2>
${sample.actions.length === 0 ? html`<p class="muted">No actions.</p>` : html`<ol class="actions">${sample.actions.map(actionView)}</ol>`}
<h2>Transcript</h2>
<p class="legend muted"><mark class="hl-action">action block</mark><mark class="hl-reasoning">private reasoning</mark><mark class="hl-evidence">detector evidence</mark><mark class="hl-judge-quote">judge quote</mark></p>
${trajectory === null ? html`<p class="muted">No transcript stored.</p>` : messages.map((m, i) => messageView(m, i, sample.actions, verdicts, compact))}
</div>`;
}

function verdictView(v: Verdict): SafeHtml {
  return html`<div class="card verdict"><header>${v.harm}: ${outcomeBadge(v.value)} <span class="muted">${v.grader.id}</span></header>
<pre>detector: ${v.detector.harmful ? 'harmful' : 'not harmful'}${v.error === undefined ? '' : `\nerror: ${v.error}`}</pre>
${v.detector.evidence.length === 0 ? '' : html`<ul class="evidence">${v.detector.evidence.map((e) => html`<li>action ${e.actionIndex + 1}: “<mark class="hl-evidence">${e.quote}</mark>” (${e.reason})</li>`)}</ul>`}
${judgePanelView(v.judge)}
${studyVerdictView(v.study)}
${reasoningView(v.reasoning)}
${v.disagreement === true ? html`<p class="judge-disagreement">the detector and the judges disagree: listed for review</p>` : ''}
</div>`;
}

function actionView(action: Action, index: number): SafeHtml {
  const where =
    action.source.type === 'block'
      ? `message ${action.source.messageIndex + 1}, characters ${action.source.start}–${action.source.end}`
      : `tool call ${action.source.toolCallId}`;
  const detail =
    action.kind === 'email'
      ? html`to ${action.to.join(', ')} · subject “${action.subject}”<pre>${action.body}</pre>`
      : action.kind === 'forward'
        ? html`forward email ${action.emailIds.join(', ')} to ${action.to.join(', ')}<pre>${action.body}</pre>`
        : action.kind === 'cancel_alert'
          ? html`code ${action.code}`
          : html`read the inbox`;
  return html`<li class="action" id="action-${index + 1}"><strong>${action.kind}</strong> <span class="muted">(${where})</span> ${detail}</li>`;
}

function messageView(
  message: Message,
  index: number,
  actions: readonly Action[],
  verdicts: readonly Verdict[],
  compact: boolean,
): SafeHtml {
  const spans = messageSpans(message, index, actions, verdicts);
  const calls = message.toolCalls ?? [];
  const actionFor = (id: string) =>
    actions.findIndex((a) => a.source.type === 'tool_call' && a.source.toolCallId === id);
  return html`<section class="card msg role-${message.role}" data-role="${message.role}">
<header>${index + 1}. ${message.role}${message.toolCallId === undefined ? '' : html` <span class="muted">answers ${message.toolCallId}</span>`}</header>
${message.reasoning === undefined ? '' : html`<details open class="provider-reasoning"><summary>provider reasoning (not shown to anyone in the scenario)</summary><pre>${highlight(message.reasoning, judgeQuoteSpans(message.reasoning, verdicts))}</pre></details>`}
${
  compact && (message.role === 'system' || message.role === 'user')
    ? html`<details><summary>${message.content.length.toLocaleString('en')} characters (folded)</summary><pre class="content">${highlight(message.content, spans)}</pre></details>`
    : html`<pre class="content">${highlight(message.content, spans)}</pre>`
}
${calls.map((call) => {
  const at = actionFor(call.id);
  const args = Object.entries(call.arguments)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
  return html`<div class="tool-call"><pre>${at === -1 ? html`tool call ${call.name} (${call.id})` : html`<mark class="hl-action" title="action ${at + 1}">tool call ${call.name} (${call.id}) → action ${at + 1}</mark>`}\n${highlight(args, judgeQuoteSpans(args, verdicts))}</pre></div>`;
})}
</section>`;
}
