import type { ApprovalOutcome } from '../approvals/approval-queue.ts';
import type { GuardDecisionLike, GuardToolCall } from './guard-port.ts';

/**
 * The text an agent sees in place of a refused tool call's result: what was refused, by which rule and why,
 * and that nothing was executed, so its loop can go on without retrying blindly.
 */
export function refusalText(
  call: GuardToolCall,
  decision: GuardDecisionLike,
  approval?: ApprovalOutcome,
): string {
  const why = approval === undefined ? 'blocked' : refusedBy(approval);
  const reason = describeEvidence(decision.evidence);
  return (
    `Haywire guard: the call to ${call.name} was ${why} by ${ruleName(decision.rule)}` +
    `${reason === '' ? '' : ` (${reason})`}. It was not executed.`
  );
}

function ruleName(rule: GuardDecisionLike['rule']): string {
  return rule === null ? 'the guard' : `policy rule ${rule.id}@v${rule.version}`;
}

function refusedBy(approval: ApprovalOutcome): string {
  if (approval.resolution === 'timeout')
    return 'held for human approval, which did not come in time, and denied';
  if (approval.resolution === 'withdrawn') return 'held for human approval, then withdrawn unanswered';
  return `held for human approval and denied by ${approval.approver}`;
}

/** A one-line summary of the guard's evidence, whatever its shape. */
export function describeEvidence(evidence: unknown): string {
  const items = Array.isArray(evidence) ? evidence : evidence === undefined ? [] : [evidence];
  return items
    .map(describeItem)
    .filter((text) => text !== '')
    .slice(0, 3)
    .join('; ')
    .slice(0, 300);
}

function describeItem(item: unknown): string {
  if (typeof item === 'string') return item;
  if (item === null || typeof item !== 'object') return '';
  const record = item as Record<string, unknown>;
  for (const key of ['reason', 'summary', 'detail', 'message', 'description']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}
