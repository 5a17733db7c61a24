import type { Action, Message, Verdict } from '../index.ts';
import { findAll, type Span } from './highlight.ts';
import { judgeQuoteSpans } from './judge-quotes.ts';

const REASONING_BLOCK =
  /<\s*(scratchpad_reasoning|scratchpad|thinking|think)\s*>[\s\S]*?(?:<\s*\/\s*\1\s*>|$)/gi;

/**
 * The spans to mark in one message's text: private reasoning written in tags, the blocks parsed into
 * actions (inbox mode, from each action's `source`), the detector's evidence quotes and the judges' verified quotes.
 */
export function messageSpans(
  message: Message,
  messageIndex: number,
  actions: readonly Action[],
  verdicts: readonly Verdict[],
): Span[] {
  const text = message.content;
  const spans: Span[] = [];
  if (message.role === 'assistant') {
    for (const match of text.matchAll(REASONING_BLOCK)) {
      spans.push({
        start: match.index,
        end: match.index + match[0].length,
        kind: 'reasoning',
        label: 'private reasoning',
      });
    }
  }
  actions.forEach((action, index) => {
    const { source } = action;
    if (source.type === 'block' && source.messageIndex === messageIndex) {
      spans.push({
        start: source.start,
        end: source.end,
        kind: 'action',
        label: `action ${index + 1}: ${action.kind}`,
      });
    }
  });
  if (message.role !== 'assistant') return spans;
  for (const verdict of verdicts) {
    for (const evidence of verdict.detector.evidence) {
      spans.push(
        ...findAll(text, evidence.quote, 'evidence', `${verdict.harm} evidence: ${evidence.reason}`),
      );
    }
  }
  spans.push(...judgeQuoteSpans(text, verdicts));
  return spans;
}
