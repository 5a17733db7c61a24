import type { Action } from '../../spec/action.ts';
import { isSimulatedModelId } from '../../spec/index.ts';
import type { Message } from '../../spec/trajectory.ts';
import type { Evidence, Verdict } from '../../spec/verdict.ts';
import type { SampleDetail } from '../../store/index.ts';
import { html, type SafeHtml, safe } from './escape-html.ts';
import { findQuote, type MarkRange, markRanges } from './mark-ranges.ts';

/** The latest verdict of each harm. */
export function latestVerdicts(sample: SampleDetail): Verdict[] {
  const byHarm = new Map<string, { version: number; verdict: Verdict }>();
  for (const v of sample.verdicts) {
    const seen = byHarm.get(v.verdict.harm);
    if (seen === undefined || v.version > seen.version) byHarm.set(v.verdict.harm, v);
  }
  return [...byHarm.values()].map((v) => v.verdict);
}

/**
 * One sample as a transcript: the prompt folded away, the agent's reply with every parsed action marked
 * and the detector's evidence quotes marked inside it, then the verdicts with their reasons.
 * All text is escaped; marks are placed by offsets into the raw text.
 */
export function renderTranscript(sample: SampleDetail): SafeHtml {
  const verdicts = latestVerdicts(sample);
  const evidence = verdicts.filter((v) => v.value === 'harmful').flatMap((v) => v.detector.evidence);
  const messages = sample.trajectory?.messages ?? [];
  const actions = sample.actions.length > 0 ? sample.actions : (sample.trajectory?.actions ?? []);
  const simulated = isSimulatedModelId(sample.model);
  return html`<article class="transcript">
<h3>${sample.model}${simulated ? safe(' <span class="sim">simulated agent</span>') : ''} · ${sample.condition_id} · epoch ${sample.epoch}</h3>
<p class="meta">sample <code>${sample.id}</code> · status ${sample.status}${sample.error === null ? '' : ` · error ${sample.error.kind}: ${sample.error.message}`}</p>
${messages.map((m, i) => renderMessage(m, i, actions, evidence))}
${verdicts.length === 0 ? safe('<p class="meta">No verdict recorded.</p>') : safe('<h4>Verdicts</h4>')}
<ul class="verdicts">${verdicts.map(renderVerdict)}</ul>
</article>`;
}

function renderMessage(
  message: Message,
  index: number,
  actions: readonly Action[],
  evidence: readonly Evidence[],
): SafeHtml {
  const ranges: MarkRange[] = [];
  actions.forEach((action, actionIndex) => {
    const { source } = action;
    if (source.type !== 'block' || source.messageIndex !== index) return;
    ranges.push({ start: source.start, end: source.end, className: 'action' });
    for (const e of evidence.filter((x) => x.actionIndex === actionIndex)) {
      const found = findQuote(message.content, e.quote, source.start, source.end);
      if (found !== undefined) ranges.push(found);
    }
  });
  const body = safe(`<pre>${markRanges(message.content, ranges)}</pre>`);
  const reasoning =
    message.reasoning === undefined
      ? ''
      : html`<div class="reasoning"><span class="label">private reasoning</span><pre>${message.reasoning}</pre></div>`;
  const calls = (message.toolCalls ?? []).map((call) => {
    const text = `${call.name}(${JSON.stringify(call.arguments, null, 2)})`;
    const actionIndex = actions.findIndex(
      (a) => a.source.type === 'tool_call' && a.source.toolCallId === call.id,
    );
    const marks: MarkRange[] =
      actionIndex === -1 ? [] : [{ start: 0, end: text.length, className: 'action' }];
    for (const e of evidence.filter((x) => x.actionIndex === actionIndex && actionIndex !== -1)) {
      const found = findQuote(text, e.quote) ?? findQuote(text, JSON.stringify(e.quote).slice(1, -1));
      if (found !== undefined) marks.push(found);
    }
    return safe(`<pre class="call">${markRanges(text, marks)}</pre>`);
  });
  const head = html`<span class="role">${message.role}</span>`;
  const inner = html`${reasoning}${body}${calls}`;
  // The prompt is long and the same for every sample of a condition: folded, but there for the reader.
  if (message.role === 'system' || message.role === 'user' || message.role === 'tool')
    return html`<details class="msg ${message.role}"><summary>${head} (${message.content.length.toLocaleString('en')} characters)</summary>${inner}</details>`;
  return html`<div class="msg ${message.role}">${head}${inner}</div>`;
}

function renderVerdict(verdict: Verdict): SafeHtml {
  const evidence = verdict.detector.evidence.map(
    (e) => html`<li><q>${e.quote}</q> — ${e.reason} <span class="meta">(action ${e.actionIndex})</span></li>`,
  );
  return html`<li><strong class="v-${verdict.value}">${verdict.harm}: ${verdict.value.replace('_', ' ')}</strong> <span class="meta">by ${verdict.grader.id}</span>${verdict.error === undefined ? '' : ` — ${verdict.error}`}<ul>${evidence}</ul></li>`;
}
